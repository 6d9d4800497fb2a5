import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import type { Queryable } from '../../db/connection.js';
import { lockVideo, type VideoRow } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { type ApiVideo, currentVideo } from './video-view.js';

type VideoTarget = { tenantId: string; videoId: string };

/**
 * Runs `change` in one transaction on the tenant's video, locked (404 where the tenant has no
 * such video), then drops its cached copy after the commit, as every read goes through the cache.
 */
export async function changeVideo(
  ctx: Context,
  { tenantId, videoId }: VideoTarget,
  change: (tx: Queryable, video: VideoRow) => Promise<unknown>,
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    await change(tx, video);
  });
  await invalidateVideo(ctx, videoId);
}

/** As `changeVideo`, answering the video as it is after the change. */
export async function changedVideo(
  ctx: Context,
  target: VideoTarget,
  change: (tx: Queryable, video: VideoRow) => Promise<unknown>,
): Promise<ApiVideo> {
  await changeVideo(ctx, target, change);
  return currentVideo(ctx, target.tenantId, target.videoId);
}
