import { dirname } from 'node:path';
import type { Context } from '../context.js';
import { mediaKeys } from '../domain/media-keys.js';
import type { Delivery } from '../ports/event-bus.js';

/** `video.deleted` → the video's media and original leave the store. Deleting twice is harmless. */
export function cleanupWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    const original = event.payload.original_key;
    const prefixes = [
      ...mediaKeys.videoPrefixes(event.key),
      ...(typeof original === 'string' ? [dirname(original)] : []),
    ];
    for (const prefix of prefixes) await ctx.store.deletePrefix(prefix);
  };
}
