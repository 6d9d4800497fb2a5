import type { Context } from '../../context.js';
import { findVideoForEvent } from '../../db/videos.js';

/**
 * The video's search document follows the video as it is now: indexed while public and ready,
 * removed otherwise; an age-restricted video is never in it, so neither search nor related
 * videos show it to anyone who did not pass the age check. Reading the current row (not the event) makes redelivered or reordered
 * events harmless.
 */
export async function indexVideo(ctx: Context, videoId: string): Promise<void> {
  const found = await findVideoForEvent(ctx.database.db, videoId);
  const video = found?.video;
  if (
    !video ||
    video.deletedAt ||
    video.status !== 'ready' ||
    video.visibility !== 'public' ||
    video.ageRestriction !== null ||
    !video.publishedAt
  ) {
    await ctx.search.remove(videoId);
    return;
  }
  await ctx.search.upsert({
    videoId: video.id,
    tenantId: video.tenantId,
    title: video.title,
    description: video.description,
    tags: video.tags,
    language: video.language,
    channelId: video.channelId,
    durationSec: video.durationSec,
    publishedAt: video.publishedAt,
    views: video.viewCount,
  });
}
