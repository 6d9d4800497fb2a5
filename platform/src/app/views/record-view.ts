import type { Context } from '../../context.js';
import { emit } from '../../db/outbox.js';
import { TOPICS } from '../../domain/event-routes.js';
import { VIEW_WINDOW_SEC, viewClaimKey } from '../../domain/views.js';
import { authorizePlayback } from '../playback/playback-access.js';
import type { PlaybackAccess } from '../playback/playback-answer.js';

/** Counts a view of a playable video, once per viewer (address and user agent) per half hour. */
export async function recordView(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess; ip: string; userAgent: string },
): Promise<{ counted: boolean }> {
  const { video } = await authorizePlayback(ctx, input.videoId, 'views', input.access);
  const key = viewClaimKey(video.id, input.ip, input.userAgent);
  // With the cache down, counting twice beats losing the view.
  const counted = (await ctx.cache.claimOnce(key, VIEW_WINDOW_SEC)) ?? true;
  // The views role adds it to the count: a request writes one event row, never the hot video row.
  if (counted) {
    await emit(ctx.database.db, {
      topic: TOPICS.viewRecorded,
      videoId: video.id,
      tenantId: video.tenantId,
    });
  }
  return { counted };
}
