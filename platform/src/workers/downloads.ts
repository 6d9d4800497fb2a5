import { makeDownloads } from '../app/videos/make-downloads.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `video.published` or a changed `mp4_support` → the video's MP4 downloads made or removed. */
export function downloadsWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    await makeDownloads(ctx, event.key);
  };
}
