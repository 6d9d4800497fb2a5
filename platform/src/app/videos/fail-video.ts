import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { endStage } from '../../db/video-stages.js';
import { lockVideo } from '../../db/videos.js';
import { transitionVideo } from './transition-video.js';

/** Fails a video with a reason a person can read, in its own transaction; idempotent. */
export async function failVideo(ctx: Context, videoId: string, code: string, message: string) {
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId);
    if (!video) return;
    if (await transitionVideo(tx, video, { to: 'failed', code, message })) {
      const stage = { tenantId: video.tenantId, videoId, stage: 'failed' as const };
      await endStage(tx, stage, { detail: { error: { code, message } } });
    }
  });
  await invalidateVideo(ctx, videoId);
}
