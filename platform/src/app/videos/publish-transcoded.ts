import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { lockVideo } from '../../db/videos.js';
import { afterTranscode, awaitsEncode } from '../../domain/video-status.js';
import { transitionVideo } from './transition-video.js';

/**
 * A transcoded video becomes ready (or transcoded, to wait for an explicit publish). The move
 * happens once under a row lock, so `video.published` is emitted once however often this runs.
 */
export async function publishTranscoded(ctx: Context, videoId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId);
    if (!video || !awaitsEncode(video) || !video.manifestKey) return;
    await transitionVideo(tx, video, { to: afterTranscode(video.autoPublish) });
  });
  await invalidateVideo(ctx, videoId);
}
