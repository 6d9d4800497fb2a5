import { dirname } from 'node:path';
import type { Context } from '../../context.js';
import { mediaKeys } from '../../domain/media-keys.js';

/** A deleted video's media and original leave the store. Removing twice is harmless. */
export async function removeVideoMedia(
  ctx: Context,
  input: { videoId: string; originalKey: string | undefined },
): Promise<void> {
  const prefixes = [
    ...mediaKeys.videoPrefixes(input.videoId),
    ...(input.originalKey === undefined ? [] : [dirname(input.originalKey)]),
  ];
  for (const prefix of prefixes) await ctx.store.deletePrefix(prefix);
}
