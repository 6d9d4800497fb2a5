import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import type { PlaybackGrant } from './playback-access.js';
import { CACHE, type PlaybackAnswer } from './playback-answer.js';
import { type PlaylistText, playlistText } from './playlist-memory.js';

async function readStored(ctx: Context, key: string): Promise<string> {
  try {
    return await ctx.store.readText(key);
  } catch {
    throw notFound('Media');
  }
}

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
  return ctx.playlists.set(key, await readStored(ctx, key));
}

/** A video still encoding: its playlists are read from the store each time, never remembered. */
async function growingAnswer(
  ctx: Context,
  key: string,
  contentType: string,
  st: string | undefined,
  rewrite: (text: string, st: string) => string,
  addition: PlaylistAddition | undefined,
): Promise<PlaybackAnswer> {
  const read = await readStored(ctx, key);
  const stored = addition ? addition.add(read) : read;
  if (!st) {
    return {
      kind: 'text',
      ...playlistText(stored),
      contentType,
      cacheControl: CACHE.growingPlaylist,
    };
  }
  const signed = playlistText(rewrite(stored, st));
  return { kind: 'text', ...signed, contentType, cacheControl: CACHE.signedGrowingPlaylist };
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
  grant: PlaybackGrant,
  rewrite: (text: string, st: string) => string,
  addition?: PlaylistAddition,
): Promise<PlaybackAnswer> {
  const { st } = grant;
  if (grant.video.status === 'playable') {
    return growingAnswer(ctx, key, contentType, st, rewrite, addition);
  }
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
