import type { Context } from '../../context.js';
import { conflict } from '../../domain/errors.js';
import { changedVideo } from './change-video.js';
import { transitionVideo } from './transition-video.js';
import type { ApiVideo } from './video-view.js';

/** Publishes a transcoded video now; publishing a ready one again changes nothing. */
export async function publishVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<ApiVideo> {
  return changedVideo(ctx, input, async (tx, video) => {
    if (video.status !== 'transcoded' && video.status !== 'ready') {
      throw conflict('video_not_transcoded', `A ${video.status} video cannot be published yet`, {
        status: video.status,
      });
    }
    await transitionVideo(tx, video, { to: 'ready', autoPublish: true });
  });
}
