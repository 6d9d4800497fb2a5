import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { holdChannel } from '../../db/channels.js';
import { lockLiveStream, setLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { type ApiLiveStream, liveStreamView } from './live-stream-view.js';

/** Changes the fields given; the latency applies from the next session on. */
export async function updateLiveStream(
  ctx: Context,
  input: {
    tenantId: string;
    liveStreamId: string;
    change: components['schemas']['UpdateLiveStreamRequest'];
  },
): Promise<ApiLiveStream> {
  const { tenantId, change } = input;
  const row = await ctx.database.db.transaction(async (tx) => {
    const stream = await lockLiveStream(tx, tenantId, input.liveStreamId);
    if (!stream) throw notFound('Live stream');
    if (change.channel_id && !(await holdChannel(tx, tenantId, change.channel_id))) {
      throw notFound('Channel');
    }
    return setLiveStream(tx, stream.id, {
      ...(change.title !== undefined && { title: change.title }),
      ...(change.latency !== undefined && { latency: change.latency }),
      ...(change.channel_id !== undefined && { channelId: change.channel_id }),
      ...(change.record !== undefined && { record: change.record }),
      ...(change.playback_policy !== undefined && { playbackPolicy: change.playback_policy }),
    });
  });
  return liveStreamView(row, ctx.config.live);
}
