import type { Context } from '../../context.js';
import { LIVE_HEIGHTS, liveKeys } from '../../domain/live-media-keys.js';
import { endedIndex } from '../../domain/live-playlists.js';
import type { LiveLadderRun } from '../../ports/live-ingest.js';
import { endElapsedSessions, leaveLiveSession, sessionStillAllowed } from './leave-live-session.js';
import { startLiveRun } from './live-run.js';
import { mayPublish, type OpenedLiveSession, openLiveSession } from './open-live-session.js';
import { releaseOrphanedSessions } from './orphaned-live-sessions.js';
import { recordEndedSession } from './record-live-session.js';
import { readRenditionIndex } from './rendition-index.js';

/** How often the live role ends sessions past their window and cuts revoked publishers. */
const SWEEP_MS = 1000;

/**
 * The live role: takes publishers on the ingest, checks each key before keeping it, runs the
 * ladder while it sends, and moves the stream's status as publishers come and go.
 */
export async function runLiveIngest(ctx: Context, onError: (error: unknown) => void) {
  const ingest = ctx.live.ingest();
  const running = new Map<string, { opened: OpenedLiveSession; run: Promise<LiveLadderRun> }>();
  // Leaves still being written, by stream key: a publisher back at once waits for its leave,
  // or its own session, still active, would look like another worker's.
  const leaving = new Map<string, Promise<void>>();
  await ingest.start({
    async mayPublish(streamKey) {
      await leaving.get(streamKey);
      return mayPublish(ctx, streamKey);
    },
    async onPublish(publisher) {
      await leaving.get(publisher.streamKey);
      const opened = await openLiveSession(ctx, publisher.streamKey);
      if (!opened) return false;
      const input = { url: ingest.pullUrl(publisher.streamKey), tracks: publisher.tracks() };
      const run = startLiveRun(ctx, opened, input, onError);
      running.set(publisher.connectionId, { opened, run });
      return true;
    },
    onUnpublish(publisher) {
      const entry = running.get(publisher.connectionId);
      running.delete(publisher.connectionId);
      if (!entry) return;
      const left = entry.run
        .then(async (run) => {
          run.stop();
          await run.done;
          await leaveLiveSession(ctx, entry.opened.streamId);
        })
        .catch(onError)
        .finally(() => {
          if (leaving.get(publisher.streamKey) === left) leaving.delete(publisher.streamKey);
        });
      leaving.set(publisher.streamKey, left);
    },
  });
  const sweep = async () => {
    const here = new Set([...running.values()].map(({ opened }) => opened.streamId));
    await releaseOrphanedSessions(ctx, here);
    for (const streamId of await endElapsedSessions(ctx)) {
      for (const height of LIVE_HEIGHTS) {
        const index = await readRenditionIndex(ctx, streamId, `${height}p`);
        if (!index) continue;
        const key = liveKeys.index(streamId, `${height}p`);
        await ctx.store.putText(key, JSON.stringify(endedIndex(index)));
      }
      await recordEndedSession(ctx, streamId);
    }
    for (const [connectionId, { opened }] of running) {
      if (!(await sessionStillAllowed(ctx, opened.streamId, opened.streamKeyHash))) {
        ingest.cut(connectionId);
      }
    }
  };
  // One sweep at a time, a tick meeting one still running skipped: chained instead, sweeps slowed
  // by an unreachable Postgres would pile up, and a stop would wait for every one of them.
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    sweeping ??= sweep()
      .catch(onError)
      .finally(() => {
        sweeping = undefined;
      });
  }, SWEEP_MS);
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
      for (const { run } of running.values()) (await run).stop();
      await Promise.all([...running.values()].map(async ({ run }) => (await run).done));
      await ingest.stop();
    },
  };
}
