import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { cachedTenantVideo, cachedVideo } from '../../db/cached-videos.js';
import { findSearchableVideos } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { shownTo } from '../../domain/video-audience.js';
import type { Reader } from '../auth/reader.js';
import { publicVideoView, videoView } from '../videos/video-view.js';

/**
 * Videos like one the reader may read (any of its own for the tenant, else what `shownTo`
 * allows; anything else is a 404 like an unknown id), through the search index. The index holds
 * only public, ready videos; a caller with no credential also loses the signed ones, so a page
 * can come back shorter than `limit` with a next cursor.
 */
export async function listRelatedVideos(
  ctx: Context,
  input: { reader: Reader; videoId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['VideoList']> {
  const { reader, videoId } = input;
  const source =
    reader.kind === 'tenant'
      ? await cachedTenantVideo(ctx, reader.tenantId, videoId)
      : await cachedVideo(ctx, videoId);
  if (!source || (reader.kind !== 'tenant' && !shownTo(source.video, reader))) {
    throw notFound('Video');
  }
  const { video } = source;
  const page = await ctx.search.related({
    tenantId: video.tenantId,
    videoId: video.id,
    title: video.title,
    tags: video.tags,
    channelId: video.channelId,
    limit: input.limit ?? 25,
    cursor: input.cursor,
  });
  const found = await findSearchableVideos(ctx.database.db, video.tenantId, page.videoIds);
  const shown = found.filter((v) => reader.kind !== 'anyone' || shownTo(v.video, reader));
  return {
    data: shown.map((v) =>
      reader.kind === 'tenant'
        ? videoView(v, ctx.config.publicUrl)
        : publicVideoView(v, ctx.config.publicUrl),
    ),
    next_cursor: page.nextCursor,
  };
}
