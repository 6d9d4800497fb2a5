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
import { pageOf } from '../list-page.js';
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
  return pageOf(
    rows,
    limit,
    (v) => publicVideoView(v, ctx.config.publicUrl),
    ({ video }) => {
      // The query keeps published videos only; one without the date has no place to go on from.
      const publishedAt = video.publishedAt?.toISOString();
      if (!publishedAt) return null;
      return encodeChannelVideosCursor(
        sort === 'newest'
          ? { sort, publishedAt, id: video.id }
          : { sort, views: video.viewCount, publishedAt, id: video.id },
      );
    },
  );
}
