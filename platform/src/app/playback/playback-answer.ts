import type { Readable } from 'node:stream';
import type { ByteRange, ObjectInfo } from '../../ports/object-store.js';

export const CACHE = {
  /** Playlists: short, so deletion and privacy changes reach players soon. */
  playlist: 'public, max-age=30',
  /** A signed video's playlists carry URIs signed for this viewer: never shared caches. */
  signedPlaylist: 'private, max-age=30',
  /** A `playable` video's playlists grow with every segment: a player must ask each time. */
  growingPlaylist: 'no-cache',
  signedGrowingPlaylist: 'private, no-cache',
  /** Segments and images never change under their key. */
  immutable: 'public, max-age=31536000, immutable',
  /**
   * A signed video's: the viewer's browser may keep them, but no shared cache, which would go on
   * answering the URL after its key was deleted or its tenant suspended.
   */
  signedImmutable: 'private, max-age=31536000, immutable',
};

export const HLS_TYPE = 'application/vnd.apple.mpegurl';
export const DASH_TYPE = 'application/dash+xml';

/** The token or `st` a playback request carries, as it came (a route may not declare `st`). */
/** A playback request's credentials, and the viewer's country if a trusted proxy said it. */
export type PlaybackAccess = { token?: string; st?: string; country?: string };

/**
 * What an allowed playback request gets, for the HTTP layer to send: a redirect to the store,
 * text made for this request (a playlist), or a stored object, read only once the HTTP layer
 * knows the client still needs it (conditional GET) and which bytes (Range).
 */
export type PlaybackAnswer =
  | { kind: 'redirect'; url: string; cacheControl: string }
  | { kind: 'text'; text: string; etag: string; contentType: string; cacheControl: string }
  | {
      kind: 'object';
      info: ObjectInfo;
      contentType: string;
      cacheControl: string;
      read: (range?: ByteRange) => Promise<Readable>;
    };
