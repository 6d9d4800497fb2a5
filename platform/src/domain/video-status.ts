import type { components } from '../contract/openapi.gen.js';
import { conflict } from './errors.js';

export type VideoStatus = components['schemas']['VideoStatus'];
export type TakedownReason = components['schemas']['TakedownReason'];

const NEXT: Record<VideoStatus, readonly VideoStatus[]> = {
  waiting_for_upload: ['processing', 'failed'],
  processing: ['playable', 'transcoded', 'ready', 'failed'],
  // Plays while the rest encodes; only a video that publishes itself gets here.
  playable: ['ready', 'failed', 'taken_down'],
  transcoded: ['ready', 'taken_down'],
  ready: ['taken_down'],
  failed: [],
  // Left only by a restore, to `restoredStatus`: no other move undoes a takedown.
  taken_down: [],
};

export function canMove(from: VideoStatus, to: VideoStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Checks a transition. Moving to the status a video already has is a no-op (returns false),
 * so every transition is idempotent; an impossible one is a 409.
 */
export function mustMove(from: VideoStatus, to: VideoStatus): boolean {
  if (from === to) return false;
  if (!canMove(from, to)) {
    throw conflict('invalid_video_status', `A ${from} video cannot become ${to}`, {
      status: from,
    });
  }
  return true;
}

/** Still being encoded: a transcode job is, or will be, at work on it. */
export const isEncoding = (status: VideoStatus) => status === 'processing' || status === 'playable';

/** The status a freshly transcoded video moves to. */
export const afterTranscode = (autoPublish: boolean): 'ready' | 'transcoded' =>
  autoPublish ? 'ready' : 'transcoded';

/**
 * What a takedown keeps for its restore: the status it ended (`ready`, `transcoded`, `playable`),
 * or, for a video taken down while it played and encoded, what the encode made of it since.
 */
export type StatusBeforeTakedown = 'ready' | 'transcoded' | 'playable' | 'failed';

/** A video's status and what its takedown keeps, the facts the rules below read. */
export interface TakedownState {
  status: VideoStatus;
  statusBeforeTakedown: StatusBeforeTakedown | null;
}

/** What a takedown of a video in this status keeps (only these can be taken down). */
export const takenDownFrom = (status: VideoStatus): StatusBeforeTakedown =>
  status === 'transcoded' || status === 'playable' ? status : 'ready';

/** The status a restore returns a video to: the one it had, or what its encode made of it. */
export function restoredStatus(before: string | null): StatusBeforeTakedown {
  return before === 'transcoded' || before === 'playable' || before === 'failed' ? before : 'ready';
}

/** Taken down while it played, its transcode still at work. */
const encodesTakenDown = (video: TakedownState) =>
  video.status === 'taken_down' && video.statusBeforeTakedown === 'playable';

/** A transcode job still has an outcome to record on it: encoding, or taken down while it was. */
export const awaitsEncode = (video: TakedownState) =>
  isEncoding(video.status) || encodesTakenDown(video);

/**
 * Where an encode's outcome lands on a video taken down mid-encode: it stays taken down, and the
 * outcome waits in `statusBeforeTakedown` for a restore. Undefined: the move applies as usual.
 */
export function outcomeUnderTakedown(
  video: TakedownState,
  to: VideoStatus,
): StatusBeforeTakedown | undefined {
  if (!encodesTakenDown(video)) return undefined;
  return to === 'ready' || to === 'transcoded' || to === 'failed' ? to : undefined;
}
