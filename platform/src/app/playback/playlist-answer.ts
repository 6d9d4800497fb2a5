import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { CACHE, type PlaybackAnswer } from './playback-answer.js';

/**
 * Playlists by object key. A key's content never changes (a retried transcode rewrites the same
 * bytes), and access is checked on every request before this is read, so entries need no expiry:
 * only a bound, oldest out first.
 */
const playlists = new Map<string, string>();
const MAX_PLAYLISTS = 5000;

async function readPlaylist(ctx: Context, key: string): Promise<string> {
  const hit = playlists.get(key);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    text = await ctx.store.readText(key);
  } catch {
    throw notFound('Media');
  }
  if (playlists.size >= MAX_PLAYLISTS) playlists.delete(playlists.keys().next().value ?? '');
  playlists.set(key, text);
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
