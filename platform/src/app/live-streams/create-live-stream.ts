import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { holdChannel } from '../../db/channels.js';
import { insertLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { hashStreamKey, newStreamKey } from '../../domain/stream-keys.js';
import { type ApiLiveStreamWithKey, liveStreamView } from './live-stream-view.js';

/** A new idle stream and its key, which is answered here only. */
export async function createLiveStream(
  ctx: Context,
  input: { tenantId: string; stream: components['schemas']['CreateLiveStreamRequest'] },
): Promise<ApiLiveStreamWithKey> {
  const { title, latency, channel_id, record, playback_policy } = input.stream;
  const streamKey = newStreamKey();
  const row = await ctx.database.db.transaction(async (tx) => {
    if (channel_id && !(await holdChannel(tx, input.tenantId, channel_id))) {
      throw notFound('Channel');
    }
    return insertLiveStream(tx, {
      tenantId: input.tenantId,
      title,
      latency: latency ?? 'low',
      channelId: channel_id ?? null,
      record: record ?? false,
      playbackPolicy: playback_policy ?? 'public',
      streamKeyHash: hashStreamKey(streamKey),
      // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
      createdAt: new Date(),
    });
  });
  return { ...liveStreamView(row, ctx.config.live), stream_key: streamKey };
}
