import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { changedVideo } from './change-video.js';
import { transitionVideo } from './transition-video.js';
import type { ApiVideo } from './video-view.js';

/**
 * Takes a ready, transcoded or playable video down (`video.taken_down`). Playback checks the
 * status on every request through the video cache, so invalidating it after the commit ends
 * every issued URL; the index role drops its search document. A playable video's encode goes on
 * and its outcome waits for the restore. Taking it down again changes nothing.
 */
export async function takedownVideo(
  ctx: Context,
  input: {
    tenantId: string;
    videoId: string;
    takedown: components['schemas']['TakedownRequest'];
  },
): Promise<ApiVideo> {
  const { takedown } = input;
  return changedVideo(ctx, input, (tx, video) =>
    transitionVideo(tx, video, {
      to: 'taken_down',
      reason: takedown.reason,
      notice: takedown.notice ?? null,
    }),
  );
}
