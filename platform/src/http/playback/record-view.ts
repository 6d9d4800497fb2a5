import { countView } from '../../db/videos.js';
import { VIEW_WINDOW_SEC, viewClaimKey } from '../../domain/views.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';

/** Counts a view of a playable video, once per viewer per half hour. */
export const recordView: OperationHandler<'recordView'> = async (ctx, request) => {
  const { video } = await authorizePlayback(ctx, request.params.video_id, 'v', request.query);
  const key = viewClaimKey(video.id, request.ip, request.headers['user-agent'] ?? '');
  // With the cache down, counting twice beats losing the view.
  const counted = (await ctx.cache.claimOnce(key, VIEW_WINDOW_SEC)) ?? true;
  if (counted) await countView(ctx.database.db, video.id);
  return { counted };
};
