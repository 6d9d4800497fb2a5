import type { Context } from '../../context.js';
import {
  findLiveStreamByKey,
  type LiveStreamRow,
  lockLiveStreamByKey,
  setLiveStream,
} from '../../db/live-streams.js';
import { hashStreamKey } from '../../domain/stream-keys.js';
import { isSessionOrphaned, releaseOrphanedSession } from './orphaned-live-sessions.js';
import { transitionLiveStream } from './transition-live-stream.js';

export interface OpenedLiveSession {
  streamId: string;
  tenantId: string;
  latency: 'low' | 'standard';
  streamKeyHash: string;
  /** The publisher came back within the reconnect window: the session goes on. */
  resumed: boolean;
}

/**
 * Whether a publisher may send to this stream: it exists, is not disabled, and is not being sent
 * by anyone (an active session counts only while its worker lives).
 */
async function takesPublisher(ctx: Context, stream: LiveStreamRow | undefined) {
  if (!stream || stream.status === 'disabled') return false;
  return stream.status !== 'active' || isSessionOrphaned(ctx, stream);
}

/** Asked at an SRT caller's handshake, before it sends: would `openLiveSession` keep it? */
export async function mayPublish(ctx: Context, streamKey: string): Promise<boolean> {
  return takesPublisher(ctx, await findLiveStreamByKey(ctx.database.db, hashStreamKey(streamKey)));
}

/**
 * A publisher asks to send with this key: the stream it opens becomes active
 * (`live_stream.active`), or null for a key that opens none, a disabled stream, or a stream
 * another live worker is sending. A stream left active by a worker that is gone is taken over:
 * its publisher was away meanwhile (`live_stream.idle`), and is back within the window.
 */
export async function openLiveSession(
  ctx: Context,
  streamKey: string,
): Promise<OpenedLiveSession | null> {
  const streamKeyHash = hashStreamKey(streamKey);
  return ctx.database.db.transaction(async (tx) => {
    const stream = await lockLiveStreamByKey(tx, streamKeyHash);
    if (!stream || !(await takesPublisher(ctx, stream))) return null;
    const row =
      stream.status === 'active' ? (await releaseOrphanedSession(ctx, tx, stream)).row : stream;
    // Idle with a leave time: within the window (ended streams are no longer idle).
    const resumed = row.idleSince !== null;
    await transitionLiveStream(tx, row, 'publish', ctx.config.live);
    // The chat counts its messages' offsets from here.
    if (!resumed) await setLiveStream(tx, stream.id, { sessionStartedAt: new Date() });
    return {
      streamId: stream.id,
      tenantId: stream.tenantId,
      latency: stream.latency,
      streamKeyHash,
      resumed,
    };
  });
}
