import type { ErrorData, HlsConfig } from 'hls.js';
import type { RenditionLevel } from './level-labels.js';
import { livePosition } from './live-edge.js';
import { parseApiErrorBody, playbackError, playbackErrorFromResponse } from './playback-errors.js';
import type { LiveEdge, PlaybackSource, PlaybackSourceOptions } from './playback-source.js';
import { streamSignatureIn, withStreamSignature } from './playback-urls.js';

/**
 * A forward buffer sized for watching, not for hoarding: hls.js defaults to a 60 MB cap, which is
 * minutes of 720p nobody may watch. 30 s ahead (up to 60 s when bandwidth is plentiful) rides out
 * network hiccups; 30 s kept behind makes a short seek back free without growing memory forever.
 */
export const HLS_BUFFER_CONFIG = {
  maxBufferLength: 30,
  maxMaxBufferLength: 60,
  maxBufferSize: 30 * 1000 * 1000,
  backBufferLength: 30,
} satisfies Partial<HlsConfig>;

/**
 * A manifest request gets a few more retries than hls.js's default single one, with backoff: it is the
 * one request whose failure leaves the viewer with nothing. 4xx answers are never retried by hls.js.
 */
const MANIFEST_LOAD_POLICY = {
  default: {
    maxTimeToFirstByteMs: 10_000,
    maxLoadTimeMs: 20_000,
    timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
    errorRetry: { maxNumRetry: 3, retryDelayMs: 1000, maxRetryDelayMs: 8000 },
  },
} satisfies HlsConfig['manifestLoadPolicy'];

/** Two attempts at recovering a decode error in place before calling the stream broken. */
const MAX_MEDIA_RECOVERIES = 2;

function responseBodyOf(data: ErrorData): unknown {
  const details: unknown = data.networkDetails;
  if (typeof XMLHttpRequest !== 'undefined' && details instanceof XMLHttpRequest) {
    try {
      return parseApiErrorBody(details.responseText);
    } catch {
      return undefined; // responseText throws for binary (segment) requests
    }
  }
  return undefined;
}

/**
 * Plays through hls.js, imported only now: browsers with native HLS never download it. The full build
 * is used because Reel's master playlists carry audio as a separate group (EXT-X-MEDIA), which the
 * light build cannot play, and captions need its subtitle support.
 */
export async function startHlsPlayback(
  video: HTMLVideoElement,
  { manifestUrl, startAt, autoLoad, live = false, listener }: PlaybackSourceOptions,
): Promise<PlaybackSource> {
  const { default: Hls } = await import('hls.js');
  /** The newest stream signature, from a renewed token; replaces the `st` every URI was given. */
  let renewedSignature: string | undefined;
  // -1 is hls.js's "the live edge, less the playlist's hold-back".
  const startPosition = live ? -1 : startAt !== undefined && startAt > 0 ? startAt : 0;
  const hls = new Hls({
    ...HLS_BUFFER_CONFIG,
    manifestLoadPolicy: MANIFEST_LOAD_POLICY,
    // From the start, not the live edge: a video still encoding has a growing (EVENT) playlist,
    // which hls.js would otherwise join near its end like a live stream. A live stream joins at
    // its edge and follows Reel's LL-HLS parts and blocking reloads.
    startPosition,
    lowLatencyMode: true,
    // Don't fetch 1080p for a 400-pixel-wide player; a quality chosen by hand is not capped.
    capLevelToPlayerSize: true,
    autoStartLoad: autoLoad,
    // Playlists are fetched once (VOD; a growing one is reloaded until it ends) and their URIs
    // carry the `st` of the token they were asked with: after a renewal, each request is opened
    // on the same URI with the newer signature.
    xhrSetup: (xhr, url) => {
      const renewed = withStreamSignature(url, renewedSignature);
      if (renewed !== url) xhr.open('GET', renewed, true);
    },
  });
  let loadStarted = autoLoad;
  let mediaRecoveries = 0;
  let failed = false;

  const fail = (error: ReturnType<typeof playbackError>) => {
    if (failed) return;
    failed = true;
    hls.stopLoad();
    listener.onFailure(error);
  };

  hls.on(Hls.Events.ERROR, (_event, data) => {
    const status = data.response?.code;
    // Expired or missing access fails the same way whichever request met it, and hls.js would
    // otherwise try other renditions first, each refused as well.
    if (status === 401 || status === 403) {
      fail(playbackErrorFromResponse(status));
      return;
    }
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      fail(
        playbackErrorFromResponse(typeof status === 'number' ? status : 0, responseBodyOf(data)),
      );
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < MAX_MEDIA_RECOVERIES) {
      mediaRecoveries += 1;
      hls.recoverMediaError();
    } else {
      fail(playbackError('media'));
    }
  });
  const levelsChanged = () => listener.onLevelsChanged();
  hls.on(Hls.Events.MANIFEST_PARSED, levelsChanged);
  hls.on(Hls.Events.LEVEL_SWITCHED, levelsChanged);
  hls.on(Hls.Events.LEVELS_UPDATED, levelsChanged);
  if (live) {
    hls.on(Hls.Events.LEVEL_LOADED, (_event, { details }) => {
      if (!details.live) listener.onLiveEnded();
    });
  }
  const liveEdge: LiveEdge = {
    get position() {
      const details = hls.latestLevelDetails;
      if (!details?.live) return undefined;
      return livePosition({
        latency: hls.latency,
        targetLatency: hls.targetLatency,
        segmentTarget: details.targetduration,
      });
    },
    seekToEdge() {
      const edge = hls.liveSyncPosition;
      if (edge !== null && video.currentTime < edge) video.currentTime = edge;
    },
  };

  hls.attachMedia(video);
  hls.loadSource(manifestUrl);

  return {
    engine: 'hls.js',
    ...(live && { live: liveEdge }),
    get levels(): readonly RenditionLevel[] {
      return hls.levels.map(({ height, width, bitrate }) => ({ height, width, bitrate }));
    },
    get selectedLevel() {
      return hls.manualLevel;
    },
    set selectedLevel(level: number) {
      // currentLevel switches now (flushing the buffer ahead) so the choice shows within a second.
      hls.currentLevel = level;
      listener.onLevelsChanged();
    },
    get playingLevel() {
      return hls.currentLevel;
    },
    startLoad() {
      // A second startLoad would restart from the start position, so only the first one counts.
      if (loadStarted) return;
      loadStarted = true;
      hls.startLoad(startPosition);
    },
    async renewAccess(renewedManifestUrl: string): Promise<boolean> {
      try {
        const response = await fetch(renewedManifestUrl, { cache: 'no-store' });
        if (!response.ok) return false;
        const signature = streamSignatureIn(await response.text());
        if (!signature) return false;
        renewedSignature = signature;
        return true;
      } catch {
        return false;
      }
    },
    stop: () => hls.stopLoad(),
    destroy: () => hls.destroy(),
  };
}
