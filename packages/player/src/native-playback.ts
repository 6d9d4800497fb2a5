import { parseApiErrorBody, playbackErrorFromMediaError } from './playback-errors.js';
import type { PlaybackSource, PlaybackSourceOptions } from './playback-source.js';

/**
 * A `<video>` error carries no HTTP status, so on failure the manifest is asked once more to learn
 * whether the video is missing, not ready, refused or simply unreachable.
 */
async function diagnoseManifest(url: string): Promise<{ status: number; body?: unknown }> {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (response.ok) return { status: response.status };
    return { status: response.status, body: parseApiErrorBody(await response.text()) };
  } catch {
    return { status: 0 };
  }
}

/** Plays through the browser's own HLS (Safari, iOS): the browser picks renditions itself. */
export function startNativePlayback(
  video: HTMLVideoElement,
  { manifestUrl, startAt, listener }: PlaybackSourceOptions,
): PlaybackSource {
  let stopped = false;
  const seekToStart = () => {
    if (startAt !== undefined && startAt > 0) video.currentTime = startAt;
  };
  const onError = async () => {
    if (stopped) return;
    const mediaErrorCode = video.error?.code;
    const { status, body } = await diagnoseManifest(manifestUrl);
    if (!stopped) listener.onFailure(playbackErrorFromMediaError(mediaErrorCode, status, body));
  };
  video.addEventListener('loadedmetadata', seekToStart, { once: true });
  video.addEventListener('error', onError);
  video.src = manifestUrl;

  return {
    engine: 'native',
    levels: [],
    selectedLevel: -1,
    playingLevel: -1,
    startLoad() {
      // The browser starts fetching on play() by itself, whatever `preload` said.
    },
    stop() {
      stopped = true;
    },
    destroy() {
      stopped = true;
      video.removeEventListener('loadedmetadata', seekToStart);
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    },
  };
}
