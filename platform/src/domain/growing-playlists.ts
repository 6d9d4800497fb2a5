/**
 * Media playlists while a video is still encoding: ffmpeg rewrites each one as it finishes a
 * segment (`EVENT`); Reel serves only the segments it has stored, and closes the playlist as
 * `VOD` once the whole rendition is stored.
 */

const TYPE_LINE = /^#EXT-X-PLAYLIST-TYPE:.*$/m;
const TARGET_LINE = /^#EXT-X-TARGETDURATION:(\d+)$/m;

/**
 * The target duration raised to the planned segment length: ffmpeg writes the longest segment
 * so far, and a short first segment would otherwise change it as the playlist grows, which
 * HLS forbids.
 */
const withTarget = (playlist: string, targetSec: number) =>
  playlist.replace(
    TARGET_LINE,
    (_, listed: string) => `#EXT-X-TARGETDURATION:${Math.max(Number(listed), targetSec)}`,
  );

/** The segment URIs a media playlist lists, in order (not the init segment). */
export function segmentUris(playlist: string): string[] {
  return playlist
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The playlist cut after its first `count` segments, typed `EVENT` and without an end: a
 * player reloads it and finds more, never fewer.
 */
export function growingPlaylist(playlist: string, count: number, targetSec: number): string {
  const kept: string[] = [];
  let segments = 0;
  for (const line of playlist.split('\n')) {
    if (segments >= count) break;
    if (line.startsWith('#EXT-X-ENDLIST')) break;
    kept.push(line.replace(TYPE_LINE, '#EXT-X-PLAYLIST-TYPE:EVENT'));
    if (line.trim() !== '' && !line.startsWith('#')) segments++;
  }
  return withTarget(`${kept.join('\n')}\n`, targetSec);
}

/** The whole playlist as a finished rendition: `VOD`, ending with `#EXT-X-ENDLIST`. */
export function closedPlaylist(playlist: string, targetSec: number): string {
  const typed = withTarget(playlist, targetSec).replace(TYPE_LINE, '#EXT-X-PLAYLIST-TYPE:VOD');
  return typed.includes('#EXT-X-ENDLIST') ? typed : `${typed.trimEnd()}\n#EXT-X-ENDLIST\n`;
}
