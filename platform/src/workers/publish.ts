import { publishTranscoded } from '../app/videos/publish-transcoded.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `video.transcoded` → ready, or transcoded to wait for an explicit publish. */
export function publishWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    await publishTranscoded(ctx, event.key);
  };
}
