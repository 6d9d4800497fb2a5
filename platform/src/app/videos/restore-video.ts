import type { Context } from '../../context.js';
import { changedVideo } from './change-video.js';
import { restoreVideoStatus } from './transition-video.js';
import type { ApiVideo } from './video-view.js';

/**
 * Gives a taken-down video back the status it had (`video.restored`); the index role puts it
 * back in search. A video that is not taken down is left as it is.
 */
export async function restoreVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<ApiVideo> {
  return changedVideo(ctx, input, restoreVideoStatus);
}
