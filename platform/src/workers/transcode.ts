import { transcodeVideo } from '../app/videos/transcode-video.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `transcode.requested` → the video's renditions, thumbnails and storyboard, then `video.transcoded`. */
export function transcodeWorker(ctx: Context) {
  return async ({ event, extendLease, signal }: Delivery) => {
    await transcodeVideo(ctx, {
      videoId: event.key,
      tenantId: event.tenantId,
      extendLease,
      signal,
    });
  };
}
