/**
 * Rewrites the URIs of an HLS playlist, tag attributes (`URI="..."`) and segment lines alike.
 * ffmpeg names files after its own layout; Reel serves them under its routes.
 */
export function rewritePlaylistUris(playlist: string, rewrite: (uri: string) => string): string {
  return playlist
    .split('\n')
    .map((line) => {
      if (line.startsWith('#')) {
        return line.replace(/URI="([^"]+)"/g, (_, uri: string) => `URI="${rewrite(uri)}"`);
      }
      return line.trim() === '' ? line : rewrite(line.trim());
    })
    .join('\n');
}

/** File names a playlist refers to, in order (the init segment first in a media playlist). */
export function playlistUris(playlist: string): string[] {
  const uris: string[] = [];
  rewritePlaylistUris(playlist, (uri) => {
    uris.push(uri);
    return uri;
  });
  return uris;
}

export interface VariantInfo {
  uri: string;
  bandwidth: number;
  resolution: string | undefined;
  codecs: string | undefined;
}

/** The variants of a master playlist with their attributes. */
export function masterVariants(master: string): VariantInfo[] {
  const lines = master.split('\n');
  const variants: VariantInfo[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const attr = (name: string) =>
      new RegExp(`${name}=("[^"]*"|[^,]*)`).exec(line)?.[1]?.replaceAll('"', '');
    variants.push({
      uri: (lines[i + 1] ?? '').trim(),
      bandwidth: Number(attr('BANDWIDTH') ?? 0),
      resolution: attr('RESOLUTION'),
      codecs: attr('CODECS'),
    });
  });
  return variants;
}

/** Drops variants taller (on the short side) than `maxHeight`; 0 keeps all. */
export function dropVariantsAbove(master: string, maxHeight: number): string {
  if (maxHeight === 0) return master;
  const lines = master.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const size = /RESOLUTION=(\d+)x(\d+)/.exec(line);
    if (
      line.startsWith('#EXT-X-STREAM-INF:') &&
      size &&
      Math.min(Number(size[1]), Number(size[2])) > maxHeight
    ) {
      i++;
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}

export interface SubtitleTrack {
  uri: string;
  name: string;
  language: string;
  isDefault: boolean;
  /** Captions describe sounds too; players announce them as such. */
  describesSounds: boolean;
}

/** A quoted-string attribute may hold neither quotes nor line breaks. */
const quotedValue = (value: string) => value.replace(/["\r\n]/g, "'");

/**
 * Adds a `SUBTITLES` group (GROUP-ID "subs") to a master playlist and names it on every variant.
 * Names are unique within the group, as HLS requires: a repeat gets its position appended.
 */
export function withSubtitleGroup(master: string, tracks: readonly SubtitleTrack[]): string {
  if (tracks.length === 0) return master;
  const seen = new Set<string>();
  const media = tracks.map((track, i) => {
    const name = seen.has(track.name) ? `${track.name} (${i + 1})` : track.name;
    seen.add(name);
    const characteristics = track.describesSounds
      ? ',CHARACTERISTICS="public.accessibility.transcribes-spoken-dialog,public.accessibility.describes-music-and-sound"'
      : '';
    return `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${quotedValue(name)}",LANGUAGE="${quotedValue(track.language)}",DEFAULT=${track.isDefault ? 'YES' : 'NO'},AUTOSELECT=YES,FORCED=NO${characteristics},URI="${track.uri}"`;
  });
  const lines = master
    .split('\n')
    .map((line) => (line.startsWith('#EXT-X-STREAM-INF:') ? `${line},SUBTITLES="subs"` : line));
  const firstVariant = lines.findIndex((line) => line.startsWith('#EXT-X-STREAM-INF:'));
  const at = firstVariant >= 0 ? firstVariant : lines.length;
  return [...lines.slice(0, at), ...media, ...lines.slice(at)].join('\n');
}

/**
 * A subtitle media playlist of one WebVTT segment that spans the video, which hls.js and Safari
 * accept; the target duration is the whole video, as one segment must not exceed it.
 */
export function subtitlePlaylist(durationSec: number, uri: string): string {
  const duration = Math.max(durationSec, 0.001);
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(duration)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${duration.toFixed(3)},`,
    uri,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}
