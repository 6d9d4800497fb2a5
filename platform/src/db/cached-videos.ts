import type { Context } from '../context.js';
import type { VideoWithRenditions } from './videos.js';
import { findVideoForEvent } from './videos.js';

export const videoCacheKey = (videoId: string) => `video:${videoId}`;

const DATE_FIELDS = ['createdAt', 'updatedAt', 'publishedAt', 'deletedAt', 'takenDownAt'] as const;

/** JSON holds dates as strings: turn the stored video back into rows with real Dates. */
function revive(stored: unknown): VideoWithRenditions | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const { video, renditions, downloads } = stored as VideoWithRenditions;
  const dated = { ...video };
  for (const field of DATE_FIELDS) {
    const value = video[field] as unknown;
    (dated as Record<string, unknown>)[field] = typeof value === 'string' ? new Date(value) : null;
  }
  // Downloads' dates stay strings: nothing reads them from the cache.
  return { video: dated, renditions, ...(downloads && { downloads }) };
}

/**
 * A video and its renditions through the cache (`video:{id}`, cache-aside), deleted or not,
 * any tenant's: callers check tenant and deletion. Falls back to Postgres when the cache fails.
 */
export async function cachedVideo(ctx: Context, videoId: string) {
  const found = await ctx.cache.getOrLoad(
    videoCacheKey(videoId),
    // The longest a counted view or a changed count takes to show; updates invalidate sooner.
    ctx.config.videoCacheTtlSec,
    // Shared by every tenant, so loaded as the owner: a tenant session would cache its own view.
    () => findVideoForEvent(ctx.database.ownerDb, videoId),
    revive,
  );
  // A video waiting for its upload changes through the upload routes (complete, abort) at any
  // moment; it is read fresh until it leaves that state.
  if (found?.video.status === 'waiting_for_upload') {
    return findVideoForEvent(ctx.database.ownerDb, videoId);
  }
  return found;
}

/** A tenant's live video, as `findVideo` reads it, through the cache. */
export async function cachedTenantVideo(ctx: Context, tenantId: string, videoId: string) {
  const found = await cachedVideo(ctx, videoId);
  if (!found || found.video.tenantId !== tenantId || found.video.deletedAt) return undefined;
  return found;
}

/** Call after the change to a video committed, so no reader caches the old row again. */
export const invalidateVideo = (ctx: Context, videoId: string) =>
  ctx.cache.invalidate(videoCacheKey(videoId));
