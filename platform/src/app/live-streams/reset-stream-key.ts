import type { Context } from '../../context.js';
import { lockLiveStream, setLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { hashStreamKey, newStreamKey } from '../../domain/stream-keys.js';
import { type ApiLiveStreamWithKey, liveStreamView } from './live-stream-view.js';

/** A new key for the stream; the old one opens nothing from the commit on. */
export async function resetStreamKey(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string },
): Promise<ApiLiveStreamWithKey> {
  const streamKey = newStreamKey();
  const row = await ctx.database.db.transaction(async (tx) => {
    const stream = await lockLiveStream(tx, input.tenantId, input.liveStreamId);
    if (!stream) throw notFound('Live stream');
    return setLiveStream(tx, stream.id, { streamKeyHash: hashStreamKey(streamKey) });
  });
  return { ...liveStreamView(row, ctx.config.live), stream_key: streamKey };
}
