import type { Context } from '../../context.js';
import { liveKeys } from '../../domain/live-media-keys.js';
import type { LiveRenditionIndex } from '../../domain/live-playlists.js';

/** Reads a rendition's stored index, or null when it has none. */
export async function readRenditionIndex(ctx: Context, streamId: string, rendition: string) {
  const text = await ctx.store.readText(liveKeys.index(streamId, rendition)).catch(() => null);
  return text === null ? null : (JSON.parse(text) as LiveRenditionIndex);
}
