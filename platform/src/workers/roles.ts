import { failVideo } from '../app/videos/fail-video.js';
import type { Context } from '../context.js';
import { CONSUMER_GROUPS } from '../domain/event-routes.js';
import type { Consumer } from '../ports/event-bus.js';
import { analyticsWorker, startAnalyticsPruning } from './analytics.js';
import { startChannelIndexSync } from './channel-index.js';
import { cleanupWorker } from './cleanup.js';
import { counterWorker, startCounterFlush } from './counters.js';
import { downloadsWorker } from './downloads.js';
import { startLive } from './live.js';
import { measuredBus } from './measured-bus.js';
import { startNotifications } from './notifications.js';
import { startOutboxRelay } from './outbox-relay.js';
import { publishWorker } from './publish.js';
import { startRetention } from './retention.js';
import { searchIndexWorker } from './search-indexer.js';
import { tracedBus } from './traced-bus.js';
import { transcodeWorker } from './transcode.js';
import { startUploadExpiry } from './upload-expiry.js';
import { startViewCountSync, viewCountWorker } from './view-counts.js';
import { startViewerErasure } from './viewer-erasure.js';
import { webhookFanoutWorker } from './webhook-fanout.js';
import { startWebhookSender } from './webhook-sender.js';

export const WORKER_ROLES = [
  'relay',
  'transcode',
  'publish',
  'index',
  'cleanup',
  'webhooks',
  'views',
  'counters',
  'notifications',
  'analytics',
  'live',
] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

type Log = (msg: string, error?: unknown) => void;

/** What each role runs in this process. */
const ROLE_STARTERS: Record<WorkerRole, (ctx: Context, log: Log) => Consumer[]> = {
  relay: (ctx, log) => [startOutboxRelay(ctx, (error) => log('outbox relay failed', error))],
  transcode: (ctx) => [
    ctx.bus.consume('transcode', CONSUMER_GROUPS.transcode, transcodeWorker(ctx), {
      // One ffmpeg run already uses every core.
      concurrency: 1,
      // One tenant's 500 uploads must not hold back another's one.
      fairByTenant: true,
      // A stopping worker hands its running transcode to another at once (ffmpeg is stopped).
      handBackOnStop: true,
      tenantConcurrencyQuota: 'concurrent_transcodes',
      leaseSec: ctx.config.transcode.leaseSec,
      maxAttempts: ctx.config.transcode.maxAttempts,
      onDead: (event, error) => {
        ctx.metrics.countTranscodeFailure('transcode_failed');
        return failVideo(ctx, event.key, 'transcode_failed', error.message.slice(0, 500));
      },
    }),
  ],
  publish: (ctx) => [
    ctx.bus.consume('publish', CONSUMER_GROUPS.publish, publishWorker(ctx), {
      concurrency: 4,
      batchSize: 64,
      leaseSec: 30,
      maxAttempts: 10,
    }),
  ],
  index: (ctx, log) => [
    ctx.bus.consume('index', CONSUMER_GROUPS.index, searchIndexWorker(ctx), {
      concurrency: 4,
      leaseSec: 30,
      maxAttempts: 10,
    }),
    startChannelIndexSync(ctx, (error) => log('sending channels to search failed', error)),
  ],
  cleanup: (ctx, log) => [
    ctx.bus.consume('cleanup', CONSUMER_GROUPS.cleanup, cleanupWorker(ctx), {
      concurrency: 2,
      leaseSec: 60,
      maxAttempts: 10,
    }),
    // Remuxing copies streams (no encode): cheap enough to share the cleanup role.
    ctx.bus.consume('downloads', CONSUMER_GROUPS.downloads, downloadsWorker(ctx), {
      concurrency: 1,
      leaseSec: 300,
      maxAttempts: 5,
    }),
    startUploadExpiry(ctx, (error) => log('upload expiry sweep failed', error)),
    startRetention(ctx, (error) => log('pruning old records failed', error)),
    startViewerErasure(ctx, (error) => log('erasing a viewer failed', error)),
  ],
  views: (ctx, log) => [
    ctx.bus.consumeBatches('views', CONSUMER_GROUPS.views, viewCountWorker(ctx), {
      // Every playing viewer sends a heartbeat every 10 s: claims and acks go by the thousand.
      concurrency: 4,
      batchSize: 1000,
      leaseSec: 30,
      maxAttempts: 10,
    }),
    startViewCountSync(ctx, (error) => log('sending view counts to search failed', error)),
  ],
  counters: (ctx, log) => {
    const flush = startCounterFlush(ctx, (error) => log('applying counts failed', error));
    // Counting takes a moment, so a short lease: a dead worker's events come back soon.
    const consumer = ctx.bus.consume('counters', CONSUMER_GROUPS.counters, counterWorker(ctx), {
      concurrency: 8,
      // Likes come by the thousand: claims and acks by the hundred.
      batchSize: 256,
      leaseSec: 10,
      maxAttempts: 10,
    });
    // Consumer first, then the last flush, so what it counted before stopping is written.
    return [{ stop: () => consumer.stop().then(() => flush.stop()) }];
  },
  analytics: (ctx, log) => [
    ctx.bus.consumeBatches('analytics', CONSUMER_GROUPS.analytics, analyticsWorker(ctx), {
      // Sessions are locked in key order, so batches of one video can run side by side.
      concurrency: 2,
      batchSize: 512,
      leaseSec: 30,
      maxAttempts: 10,
    }),
    startAnalyticsPruning(ctx, (error) => log('pruning analytics failed', error)),
  ],
  notifications: (ctx, log) =>
    startNotifications(ctx, (error) => log('notifications failed', error)),
  live: (ctx, log) => [startLive(ctx, (error) => log('live ingest failed', error))],
  webhooks: (ctx, log) => [
    ctx.bus.consume('webhooks', CONSUMER_GROUPS.webhooks, webhookFanoutWorker(ctx), {
      concurrency: 4,
      leaseSec: 30,
      maxAttempts: 10,
    }),
    startWebhookSender(ctx, (error) => log('webhook sender failed', error)),
  ],
};

/** Starts the given roles in this process; `stop` lets running jobs finish. */
export function startWorkers(ctx: Context, roles: readonly WorkerRole[], log: Log) {
  const running = roles.flatMap((role) => {
    const measured = ctx.config.metrics.enabled ? measuredBus(ctx.bus, ctx.metrics, role) : ctx.bus;
    const bus = ctx.tracing.name === 'off' ? measured : tracedBus(measured, ctx.tracing, role);
    return ROLE_STARTERS[role]({ ...ctx, bus }, log);
  });
  return {
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
