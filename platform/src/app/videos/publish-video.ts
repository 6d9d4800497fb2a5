import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { lockVideo } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';
import { transitionVideo } from './transition-video.js';
import { type ApiVideo, currentVideo } from './video-view.js';

/** Publishes a transcoded video now; publishing a ready one again changes nothing. */
export async function publishVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<ApiVideo> {
  const { tenantId, videoId } = input;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    if (video.status !== 'transcoded' && video.status !== 'ready') {
      throw conflict('video_not_transcoded', `A ${video.status} video cannot be published yet`, {
        status: video.status,
      });
    }
    await transitionVideo(tx, video, { to: 'ready', autoPublish: true });
  });
  await invalidateVideo(ctx, videoId);
  return currentVideo(ctx, tenantId, videoId);
}
