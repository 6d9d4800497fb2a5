import type { Context } from '../context.js';
import { findVideoForEvent } from '../db/videos.js';
import type { Delivery } from '../ports/event-bus.js';

/**
 * `video.published`, `video.updated`, `video.deleted` → the video's search document follows the
 * video as it is now: indexed while public and ready, removed otherwise. Reading the current
 * row (not the event) makes redelivered or reordered events harmless.
 */
export function searchIndexWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    const found = await findVideoForEvent(ctx.database.db, event.key);
    const video = found?.video;
    if (
      !video ||
      video.deletedAt ||
      video.status !== 'ready' ||
      video.visibility !== 'public' ||
      !video.publishedAt
    ) {
      await ctx.search.remove(event.key);
      return;
    }
    await ctx.search.upsert({
      videoId: video.id,
      tenantId: video.tenantId,
      title: video.title,
      description: video.description,
      tags: video.tags,
      language: video.language,
      durationSec: video.durationSec,
      publishedAt: video.publishedAt,
      views: video.viewCount,
    });
  };
}
