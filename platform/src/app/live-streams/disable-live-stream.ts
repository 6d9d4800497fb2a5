import type { Context } from '../../context.js';
import { lockLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { type ApiLiveStream, liveStreamView } from './live-stream-view.js';
import { transitionLiveStream } from './transition-live-stream.js';

/** Refuses publishers for good; disabling again answers the stream unchanged. */
export async function disableLiveStream(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string },
): Promise<ApiLiveStream> {
  const row = await ctx.database.db.transaction(async (tx) => {
    const stream = await lockLiveStream(tx, input.tenantId, input.liveStreamId);
    if (!stream) throw notFound('Live stream');
    return (await transitionLiveStream(tx, stream, 'disable', ctx.config.live)).row;
  });
  return liveStreamView(row, ctx.config.live);
}
