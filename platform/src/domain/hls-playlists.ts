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
