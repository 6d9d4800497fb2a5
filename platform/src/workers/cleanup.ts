import { removeVideoMedia } from '../app/videos/remove-video-media.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `video.deleted` → the video's media and original leave the store. */
export function cleanupWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    const original = event.payload.original_key;
    await removeVideoMedia(ctx, {
      videoId: event.key,
      originalKey: typeof original === 'string' ? original : undefined,
    });
  };
}
