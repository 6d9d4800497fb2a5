import type { Context } from '../context.js';
import { CONSUMER_GROUPS } from '../domain/event-routes.js';
import type { Consumer } from '../ports/event-bus.js';
import { cleanupWorker } from './cleanup.js';
import { startOutboxRelay } from './outbox-relay.js';
import { publishWorker } from './publish.js';
import { failVideo, transcodeWorker } from './transcode.js';

export const WORKER_ROLES = ['relay', 'transcode', 'publish', 'cleanup'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

/** Starts the given roles in this process; `stop` lets running jobs finish. */
export function startWorkers(
  ctx: Context,
  roles: readonly WorkerRole[],
  log: (msg: string, error?: unknown) => void,
) {
  const { leaseSec, maxAttempts } = ctx.config.transcode;
  const running: Consumer[] = [];
  for (const role of roles) {
    if (role === 'relay') {
      running.push(startOutboxRelay(ctx, (error) => log('outbox relay failed', error)));
    } else if (role === 'transcode') {
      running.push(
        ctx.bus.consume('transcode', CONSUMER_GROUPS.transcode, transcodeWorker(ctx), {
          // One ffmpeg run already uses every core.
          concurrency: 1,
          leaseSec,
          maxAttempts,
          onDead: (event, error) =>
            failVideo(ctx, event.key, 'transcode_failed', error.message.slice(0, 500)),
        }),
      );
    } else if (role === 'publish') {
      running.push(
        ctx.bus.consume('publish', CONSUMER_GROUPS.publish, publishWorker(ctx), {
          concurrency: 4,
          leaseSec: 30,
          maxAttempts: 10,
        }),
      );
    } else {
      running.push(
        ctx.bus.consume('cleanup', CONSUMER_GROUPS.cleanup, cleanupWorker(ctx), {
          concurrency: 2,
          leaseSec: 60,
          maxAttempts: 10,
        }),
      );
    }
  }
  return {
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
