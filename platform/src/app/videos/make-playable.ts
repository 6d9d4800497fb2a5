import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { endStage } from '../../db/video-stages.js';
import { lockVideo } from '../../db/videos.js';
import { transitionVideo } from './transition-video.js';

/**
 * A video that publishes itself plays as soon as every rendition has its first segments stored:
 * `playable` and `video.playable`, once, under the row lock. A video that waits for an explicit
 * publish stays `processing`.
 */
export async function makePlayable(ctx: Context, videoId: string): Promise<void> {
  const moved = await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId);
    if (video?.status !== 'processing' || video.manifestKey || !video.autoPublish) return false;
    if (!(await transitionVideo(tx, video, { to: 'playable' }))) return false;
    // An instant on the timeline: the wait a creator feels most ends here.
    await endStage(tx, { tenantId: video.tenantId, videoId, stage: 'playable' });
    return true;
  });
  if (moved) await invalidateVideo(ctx, videoId);
}
