import { rewritePlaylistUris } from '../../domain/hls-playlists.js';
import type { Rung } from '../../domain/ladder.js';

/** The renditions a transcode writes, one folder each under its output dir. */
export const renditionIdsOf = (ladder: readonly Rung[], audio: boolean) => [
  ...ladder.map((r) => r.id),
  ...(audio ? ['audio'] : []),
];

/** The name a file ffmpeg wrote is stored under: its init segment is always `init.mp4`. */
export const storedName = (uri: string) => (/^init(_\d+)?\.mp4$/.test(uri) ? 'init.mp4' : uri);

/** A media playlist as Reel serves it: segments under `segments/`. */
export const servedMediaPlaylist = (playlist: string) =>
  rewritePlaylistUris(playlist, (uri) => `segments/${storedName(uri)}`);

/**
 * ffmpeg's master playlist as Reel serves it, under `renditions/`. ffmpeg lists the audio group
 * last as a variant of its own too: kept, for listen-only clients (hls.js and Safari start on a
 * variant with a picture when there is one).
 */
export const servedMaster = (master: string) =>
  rewritePlaylistUris(master, (uri) => `renditions/${uri}`);
