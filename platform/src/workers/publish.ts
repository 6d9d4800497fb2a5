import type { Context } from '../context.js';
import { invalidateVideo } from '../db/cached-videos.js';
import { emit } from '../db/outbox.js';
import { lockVideo, setVideo } from '../db/videos.js';
import { TOPICS } from '../domain/event-routes.js';
import { afterTranscode, mustMove } from '../domain/video-status.js';
import type { Delivery } from '../ports/event-bus.js';

/**
 * `video.transcoded` → ready (or transcoded, to wait for an explicit publish). The move happens
 * once under a row lock, so `video.published` is emitted once however often this runs.
 */
export function publishWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    await ctx.database.db.transaction(async (tx) => {
      const video = await lockVideo(tx, event.key);
      if (video?.status !== 'processing' || !video.manifestKey) return;
      const next = afterTranscode(video.autoPublish);
      if (!mustMove(video.status, next)) return;
      await setVideo(tx, video.id, {
        status: next,
        ...(next === 'ready' && { publishedAt: new Date() }),
      });
      if (next === 'ready') {
        await emit(tx, {
          topic: TOPICS.videoPublished,
          videoId: video.id,
          tenantId: video.tenantId,
        });
      }
    });
    await invalidateVideo(ctx, event.key);
  };
}
