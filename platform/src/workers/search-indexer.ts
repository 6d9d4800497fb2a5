import { indexVideo } from '../app/search/index-video.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `video.published`, `video.updated`, `video.deleted` → the video's search document (see indexVideo). */
export function searchIndexWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    await indexVideo(ctx, event.key);
  };
}
