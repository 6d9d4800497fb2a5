import { emit } from '../../db/outbox.js';
import { TOPICS } from '../../domain/event-routes.js';
import { VIEW_WINDOW_SEC, viewClaimKey } from '../../domain/views.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';

/** Counts a view of a playable video, once per viewer per half hour. */
export const recordView: OperationHandler<'recordView'> = async (ctx, request) => {
  const { video } = await authorizePlayback(ctx, request.params.video_id, 'views', request.query);
  const key = viewClaimKey(video.id, request.ip, request.headers['user-agent'] ?? '');
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
};
