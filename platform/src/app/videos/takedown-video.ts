import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { lockVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { transitionVideo } from './transition-video.js';
import { type ApiVideo, currentVideo } from './video-view.js';

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
  const { tenantId, videoId, takedown } = input;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    await transitionVideo(tx, video, {
      to: 'taken_down',
      reason: takedown.reason,
      notice: takedown.notice ?? null,
    });
  });
  await invalidateVideo(ctx, videoId);
  return currentVideo(ctx, tenantId, videoId);
}
