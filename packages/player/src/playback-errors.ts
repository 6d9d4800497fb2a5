import type { components } from './openapi.gen.js';

/** The API's error body and a video's status, from the contract. */
type ApiError = components['schemas']['Error'];
type VideoStatus = components['schemas']['VideoStatus'];

/** What went wrong, in terms a viewer (and the page embedding the player) can act on. */
export type PlaybackErrorCode =
  | 'not_found'
  | 'not_ready'
  | 'processing_failed'
  | 'not_allowed'
  | 'network'
  | 'media'
  | 'unsupported'
  | 'live_not_started'
  | 'live_ended';

export interface PlaybackError {
  code: PlaybackErrorCode;
  /** A sentence for the viewer. */
  message: string;
  /** The HTTP status behind it, when there was one. */
  status?: number;
  /** Whether the player keeps trying on its own (not ready yet, transient network trouble). */
  retrying: boolean;
}

const MESSAGES: Record<PlaybackErrorCode, string> = {
  not_found: "This video doesn't exist or isn't available.",
  not_ready: "This video isn't ready yet. It will start when processing is done.",
  processing_failed: "This video couldn't be processed.",
  not_allowed: "You don't have access to this video, or your access has expired.",
  network: "Can't reach the video right now. Check your connection.",
  media: "This video can't be played: the stream is damaged or in an unsupported format.",
  unsupported: "This browser can't play this video.",
  live_not_started: 'The stream has not started yet. It will play as soon as it goes live.',
  live_ended: 'This live stream has ended.',
};

export function playbackError(
  code: PlaybackErrorCode,
  options: { status?: number; retrying?: boolean } = {},
): PlaybackError {
  const retrying =
    options.retrying ?? (code === 'not_ready' || code === 'network' || code === 'live_not_started');
  return {
    code,
    message: MESSAGES[code],
    ...(options.status !== undefined && { status: options.status }),
    retrying,
  };
}

/** Statuses worth trying again: the server or the path to it may recover on its own. */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * Maps a failed playback request (manifest, playlist or segment) to a viewer-facing error, using the
 * API's `{code, message, details}` body when it came with one. Status 0 means no HTTP answer at all.
 */
export function playbackErrorFromResponse(status: number, body?: unknown): PlaybackError {
  const apiError = (typeof body === 'object' && body !== null ? body : {}) as Partial<ApiError>;
  // `video_not_ready` carries the video's status: `failed` means it never will be ready.
  const details = (
    typeof apiError.details === 'object' && apiError.details !== null ? apiError.details : {}
  ) as { status?: VideoStatus };
  if (status === 401 || status === 403) return playbackError('not_allowed', { status });
  // 400 from a playback route means an id that can't name a video: for a viewer, it doesn't exist.
  if (status === 400 || status === 404 || status === 410)
    return playbackError('not_found', { status });
  if (status === 409 || apiError.code === 'video_not_ready') {
    return details.status === 'failed'
      ? playbackError('processing_failed', { status })
      : playbackError('not_ready', { status });
  }
  if (isTransientStatus(status)) return playbackError('network', { status });
  // Any other 4xx is a request the player built wrong or a stream it can't use: retrying won't help.
  return playbackError('media', { status });
}

/** Parses an error body that may or may not be the API's JSON. */
export function parseApiErrorBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `MediaError.code` values (HTMLMediaElement), for native playback. */
const MEDIA_ERR_NETWORK = 2;
const MEDIA_ERR_SRC_NOT_SUPPORTED = 4;

/**
 * A native `<video>` error says little (no HTTP status), so the player asks the manifest URL
 * directly: `manifestStatus` is that answer's status when it could be fetched.
 */
export function playbackErrorFromMediaError(
  mediaErrorCode: number | undefined,
  manifestStatus?: number,
  manifestBody?: unknown,
): PlaybackError {
  if (manifestStatus !== undefined && (manifestStatus === 0 || manifestStatus >= 400)) {
    return playbackErrorFromResponse(manifestStatus, manifestBody);
  }
  if (mediaErrorCode === MEDIA_ERR_NETWORK) return playbackError('network');
  if (mediaErrorCode === MEDIA_ERR_SRC_NOT_SUPPORTED && manifestStatus === undefined) {
    return playbackError('unsupported', { retrying: false });
  }
  return playbackError('media');
}

/** Backoff for transient network failures: 1 s, 2 s, 4 s … capped at 15 s, then the player gives up. */
export function networkRetryDelay(attempt: number, maxAttempts = 6): number | undefined {
  if (attempt >= maxAttempts) return undefined;
  return Math.min(15_000, 1000 * 2 ** attempt);
}

/**
 * For a live stream, "not found" is what its manifest answers until a publisher first sends
 * (Reel has no renditions to list yet): the player waits for it rather than giving up.
 */
export function livePlaybackError(error: PlaybackError): PlaybackError {
  if (error.code !== 'not_found') return error;
  return playbackError(
    'live_not_started',
    error.status === undefined ? {} : { status: error.status },
  );
}

/** How often a video that is still processing (or a stream not live yet) is asked for again. */
export const NOT_READY_POLL_MS = 5000;
