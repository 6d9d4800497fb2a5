import type { Context } from '../../context.js';
import type { Queryable } from '../../db/connection.js';
import {
  activeStreamsMovedBefore,
  type LiveStreamRow,
  lockLiveStreamById,
} from '../../db/live-streams.js';
import { sessionOrphaned } from '../../domain/live-heartbeat.js';
import { LIVE_HEIGHTS } from '../../domain/live-media-keys.js';
import { readRenditionIndex } from './rendition-index.js';
import { transitionLiveStream } from './transition-live-stream.js';

/** The shortest staleness limit: no active stream moved more recently can be orphaned. */
const MIN_STALE_MS = 4000;

/**
 * Whether an active stream's session lost its worker (killed, or cut off from the store): the
 * parts its ladder stores are its heartbeat, so no row is written while it sends.
 */
export async function isSessionOrphaned(ctx: Context, stream: LiveStreamRow) {
  const index = await readRenditionIndex(ctx, stream.id, `${LIVE_HEIGHTS[0]}p`);
  return sessionOrphaned(stream.updatedAt, index, new Date());
}

/** The publisher of an orphaned session is gone: the stream is idle and its window starts. */
export async function releaseOrphanedSession(ctx: Context, tx: Queryable, stream: LiveStreamRow) {
  return transitionLiveStream(tx, stream, 'unpublish', ctx.config.live);
}

/**
 * Releases the sessions left active by a live worker that is gone, but not the ones this worker
 * runs; answers their ids. A publisher back within the window resumes the session.
 */
export async function releaseOrphanedSessions(ctx: Context, runningHere: ReadonlySet<string>) {
  const before = new Date(Date.now() - MIN_STALE_MS);
  const released: string[] = [];
  for (const { id } of await activeStreamsMovedBefore(ctx.database.db, before)) {
    if (runningHere.has(id)) continue;
    const moved = await ctx.database.db.transaction(async (tx) => {
      const stream = await lockLiveStreamById(tx, id);
      if (stream?.status !== 'active' || !(await isSessionOrphaned(ctx, stream))) return false;
      return (await releaseOrphanedSession(ctx, tx, stream)).moved;
    });
    if (moved) released.push(id);
  }
  return released;
}
