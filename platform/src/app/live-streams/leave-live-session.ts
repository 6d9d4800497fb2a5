import type { Context } from '../../context.js';
import {
  findLiveStreamById,
  idleStreamsBefore,
  lockLiveStreamById,
} from '../../db/live-streams.js';
import { transitionLiveStream } from './transition-live-stream.js';

/** The publisher left: the stream is idle (`live_stream.idle`) and the window starts. */
export async function leaveLiveSession(ctx: Context, streamId: string) {
  await ctx.database.db.transaction(async (tx) => {
    const stream = await lockLiveStreamById(tx, streamId);
    if (stream) await transitionLiveStream(tx, stream, 'unpublish', ctx.config.live);
  });
}

/** Ends the sessions whose publisher stayed away for the whole window; answers their ids. */
export async function endElapsedSessions(ctx: Context): Promise<string[]> {
  const before = new Date(Date.now() - ctx.config.live.reconnectWindowMs);
  const ended: string[] = [];
  for (const { id } of await idleStreamsBefore(ctx.database.db, before)) {
    const moved = await ctx.database.db.transaction(async (tx) => {
      const stream = await lockLiveStreamById(tx, id);
      if (!stream || stream.idleSince === null || stream.idleSince >= before) return false;
      return (await transitionLiveStream(tx, stream, 'window_elapsed', ctx.config.live)).moved;
    });
    if (moved) ended.push(id);
  }
  return ended;
}

/** Whether a running session may go on: its stream is there, not disabled, with this key. */
export async function sessionStillAllowed(ctx: Context, streamId: string, streamKeyHash: string) {
  const stream = await findLiveStreamById(ctx.database.db, streamId);
  return Boolean(stream && stream.status !== 'disabled' && stream.streamKeyHash === streamKeyHash);
}
