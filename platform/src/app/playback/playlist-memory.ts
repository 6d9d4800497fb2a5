import { createHash } from 'node:crypto';

/** A playlist's text and the ETag of exactly that text. */
export interface PlaylistText {
  text: string;
  etag: string;
}

export const etagOf = (text: string) => `"${createHash('sha1').update(text).digest('base64url')}"`;

/** A text with its ETag, made now: for playlists that change and so are not remembered. */
export const playlistText = (text: string): PlaylistText => ({ text, etag: etagOf(text) });

/** The oldest entry goes first once a Map holds `max`. */
function bounded<V>(map: Map<string, V>, max: number, key: string, value: V) {
  if (map.size >= max) map.delete(map.keys().next().value ?? '');
  map.set(key, value);
}

/**
 * Playlists this process has read, by object key, and the signed copies it made of them, by key
 * and `st`. Once a video is ready a key's content never changes (a retried transcode rewrites
 * the same bytes; a `playable` video's growing playlists are never remembered) and
 * access is checked on every request before this is read, so entries need no expiry: only a
 * bound, oldest out first. Each text keeps its ETag, so a request hashes nothing. One per Context.
 */
export class PlaylistMemory {
  private readonly texts = new Map<string, PlaylistText>();
  private readonly signed = new Map<string, PlaylistText & { source: string }>();

  constructor(private readonly maxEntries = 5000) {}

  get(key: string): PlaylistText | undefined {
    return this.texts.get(key);
  }

  set(key: string, text: string): PlaylistText {
    const entry = { text, etag: etagOf(text) };
    bounded(this.texts, this.maxEntries, key, entry);
    return entry;
  }

  /** `source` with its URIs signed for `st`, made by `rewrite` the first time only. */
  signedCopy(key: string, source: string, st: string, rewrite: () => string): PlaylistText {
    const memoKey = `${key}\n${st}`;
    const hit = this.signed.get(memoKey);
    if (hit?.source === source) return hit;
    const text = rewrite();
    const entry = { source, text, etag: etagOf(text) };
    bounded(this.signed, this.maxEntries, memoKey, entry);
    return entry;
  }
}
