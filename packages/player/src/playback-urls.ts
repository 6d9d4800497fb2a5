import type { components } from './openapi.gen.js';

/** The sizes `GET /v1/videos/{id}/thumbnails/{size}` takes, from the contract. */
export type ThumbnailSize = components['schemas']['ThumbnailSize'];

/** Where a video's playback resources live on a Reel API. */
export interface PlaybackUrls {
  manifest: string;
  /** The MPEG-DASH manifest over the same segments. */
  dash: string;
  storyboardVtt: string;
  /** Where the player reports a view (`POST`). */
  views: string;
  thumbnail(size: ThumbnailSize): string;
}

/**
 * The token goes on the manifest, the views, the thumbnails and the storyboard VTT: a signed
 * video's routes need it there (audiences `v`, `t`, `s`). The playlists and the VTT that come back carry URIs that
 * are already signed (`?st=`), used as they are: the token is never added to them.
 */
export function playbackUrls(apiUrl: string, videoId: string, token?: string | null): PlaybackUrls {
  const base = `${apiUrl.replace(/\/+$/, '')}/v1/videos/${encodeURIComponent(videoId)}`;
  const withToken = (path: string) => {
    const url = new URL(`${base}/${path}`);
    if (token) url.searchParams.set('token', token);
    return url.href;
  };
  return {
    manifest: withToken('manifest.m3u8'),
    dash: withToken('manifest.mpd'),
    storyboardVtt: withToken('storyboard.vtt'),
    views: withToken('views'),
    thumbnail: (size) => withToken(`thumbnails/${size}`),
  };
}

/** A live stream's master playlist; the token rides on it as on a video's. */
export function liveManifestUrl(apiUrl: string, streamId: string, token?: string | null): string {
  const url = new URL(
    `${apiUrl.replace(/\/+$/, '')}/v1/live-streams/${encodeURIComponent(streamId)}/manifest.m3u8`,
  );
  if (token) url.searchParams.set('token', token);
  return url.href;
}

const STREAM_SIGNATURE = /[?&]st=([^&#"\s]+)/;

/**
 * The stream signature (`st`) Reel put on the URIs of a signed video's master playlist, or
 * undefined for a public video's. It expires with the token the playlist was asked with.
 */
export function streamSignatureIn(playlist: string): string | undefined {
  return STREAM_SIGNATURE.exec(playlist)?.[1];
}

/**
 * `url` with its `st` replaced by a newer one, so a stream keeps going on a renewed token without
 * reloading its playlists. URLs without `st` (public videos, the manifest) are left alone.
 */
export function withStreamSignature(url: string, st: string | undefined): string {
  if (!st) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.searchParams.has('st') || parsed.searchParams.get('st') === st) return url;
  parsed.searchParams.set('st', st);
  return parsed.href;
}
