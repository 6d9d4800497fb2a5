import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { CACHE, type PlaybackAnswer } from './playback-answer.js';

async function readPlaylist(ctx: Context, key: string): Promise<string> {
  const hit = ctx.playlists.get(key);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    text = await ctx.store.readText(key);
  } catch {
    throw notFound('Media');
  }
  ctx.playlists.set(key, text);
  return text;
}

/**
 * A stored playlist from memory: as it is for public videos, or with every URI given the
 * request's `st` (and renditions over the height cap dropped) for signed ones.
 */
export async function playlistAnswer(
  ctx: Context,
  key: string,
  contentType: string,
  st: string | undefined,
  rewrite: (text: string, st: string) => string,
): Promise<PlaybackAnswer> {
  const text = await readPlaylist(ctx, key);
  if (!st) return { kind: 'text', text, contentType, cacheControl: CACHE.playlist };
  return { kind: 'text', text: rewrite(text, st), contentType, cacheControl: CACHE.signedPlaylist };
}
