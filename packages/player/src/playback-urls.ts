export type ThumbnailSize = 'small' | 'medium' | 'large';

/** Where a video's public playback resources live on a Reel API. */
export interface PlaybackUrls {
  manifest: string;
  storyboardVtt: string;
  thumbnail(size: ThumbnailSize): string;
}

/**
 * The token goes on the manifest request only: the master and media playlists that come back carry
 * URIs that are already signed, and adding it to them would change what was signed.
 */
export function playbackUrls(apiUrl: string, videoId: string, token?: string | null): PlaybackUrls {
  const base = `${apiUrl.replace(/\/+$/, '')}/v1/videos/${encodeURIComponent(videoId)}`;
  const manifest = new URL(`${base}/manifest.m3u8`);
  if (token) manifest.searchParams.set('token', token);
  return {
    manifest: manifest.href,
    storyboardVtt: `${base}/storyboard.vtt`,
    thumbnail: (size) => `${base}/thumbnails/${size}`,
  };
}
