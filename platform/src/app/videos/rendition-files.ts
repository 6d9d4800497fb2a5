import { dropAudioOnlyVariants, rewritePlaylistUris } from '../../domain/hls-playlists.js';
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

/** ffmpeg's master playlist as Reel serves it: picture variants only, under `renditions/`. */
export const servedMaster = (master: string) =>
  rewritePlaylistUris(dropAudioOnlyVariants(master), (uri) => `renditions/${uri}`);
