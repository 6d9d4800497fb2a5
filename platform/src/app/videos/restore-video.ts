import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { lockVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { restoreVideoStatus } from './transition-video.js';
import { type ApiVideo, currentVideo } from './video-view.js';

/**
 * Gives a taken-down video back the status it had (`video.restored`); the index role puts it
 * back in search. A video that is not taken down is left as it is.
 */
export async function restoreVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<ApiVideo> {
  const { tenantId, videoId } = input;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    await restoreVideoStatus(tx, video);
  });
  await invalidateVideo(ctx, videoId);
  return currentVideo(ctx, tenantId, videoId);
}
