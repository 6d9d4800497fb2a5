import type { Context } from '../../context.js';
import { lockLiveStreamByKey, setLiveStream } from '../../db/live-streams.js';
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
    if (!stream || stream.status === 'disabled') return null;
    let row = stream;
    if (stream.status === 'active') {
      if (!(await isSessionOrphaned(ctx, stream))) return null;
      row = (await releaseOrphanedSession(ctx, tx, stream)).row;
    }
    // Idle with a leave time: within the window (ended streams are no longer idle).
    const resumed = row.idleSince !== null;
    await transitionLiveStream(tx, row, 'publish', ctx.config.live.rtmpUrl);
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
