import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { CACHE, type PlaybackAnswer } from './playback-answer.js';
import type { PlaylistText } from './playlist-memory.js';

/**
 * Lines a request adds to a stored playlist (a master's caption tracks), remembered by `tag`,
 * which must change whenever what is added does.
 */
export interface PlaylistAddition {
  tag: string;
  add: (text: string) => string;
}

/** A stored playlist's text, from this process's memory once read. */
export async function readPlaylist(ctx: Context, key: string): Promise<PlaylistText> {
  const hit = ctx.playlists.get(key);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    text = await ctx.store.readText(key);
  } catch {
    throw notFound('Media');
  }
  return ctx.playlists.set(key, text);
}

/**
 * A stored playlist from memory: as it is for public videos, or with every URI given the
 * request's `st` (and renditions over the height cap dropped) for signed ones. The `st` decides
 * both, so each signed copy is made once and then served from memory like the original.
 */
export async function playlistAnswer(
  ctx: Context,
  key: string,
  contentType: string,
  st: string | undefined,
  rewrite: (text: string, st: string) => string,
  addition?: PlaylistAddition,
): Promise<PlaybackAnswer> {
  const read = await readPlaylist(ctx, key);
  // What is added goes in before signing, so its URIs are signed like the stored ones.
  const stored = addition
    ? ctx.playlists.signedCopy(key, read.text, addition.tag, () => addition.add(read.text))
    : read;
  if (!st) return { kind: 'text', ...stored, contentType, cacheControl: CACHE.playlist };
  const memoKey = addition ? `${key}\n${addition.tag}` : key;
  const signed = ctx.playlists.signedCopy(memoKey, stored.text, st, () => rewrite(stored.text, st));
  return {
    kind: 'text',
    text: signed.text,
    etag: signed.etag,
    contentType,
    cacheControl: CACHE.signedPlaylist,
  };
}
