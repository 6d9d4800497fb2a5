import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findPublicChannel } from '../../db/channels.js';
import { listChannelVideos as listChannelVideoRows } from '../../db/videos.js';
import {
  type ChannelVideosSort,
  decodeChannelVideosCursor,
  encodeChannelVideosCursor,
} from '../../domain/channel-videos-cursor.js';
import { notFound } from '../../domain/errors.js';
import { publicVideoView } from '../videos/video-view.js';

/** A channel's public page of videos: only public, ready ones, whoever asks. */
export async function listChannelVideos(
  ctx: Context,
  input: { channelId: string; cursor?: string; limit?: number; sort?: ChannelVideosSort },
): Promise<components['schemas']['VideoList']> {
  const sort = input.sort ?? 'newest';
  const limit = input.limit ?? 25;
  const after = input.cursor ? decodeChannelVideosCursor(input.cursor, sort) : undefined;
  const channel = await findPublicChannel(ctx.database.db, input.channelId);
  if (!channel) throw notFound('Channel');
  // One extra row tells whether another page exists.
  const rows = await listChannelVideoRows(ctx.database.db, channel.id, {
    sort,
    after,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.video;
  const publishedAt = last?.publishedAt?.toISOString();
  return {
    data: page.map((v) => publicVideoView(v, ctx.config.publicUrl)),
    next_cursor:
      rows.length > limit && last && publishedAt
        ? encodeChannelVideosCursor(
            sort === 'newest'
              ? { sort, publishedAt, id: last.id }
              : { sort, views: last.viewCount, publishedAt, id: last.id },
          )
        : null,
  };
}
