import type { components } from '../contract/openapi.gen.js';
import { conflict } from './errors.js';

export type VideoStatus = components['schemas']['VideoStatus'];
export type TakedownReason = components['schemas']['TakedownReason'];

const NEXT: Record<VideoStatus, readonly VideoStatus[]> = {
  waiting_for_upload: ['processing', 'failed'],
  processing: ['playable', 'transcoded', 'ready', 'failed'],
  // Plays while the rest encodes; only a video that publishes itself gets here.
  playable: ['ready', 'failed'],
  transcoded: ['ready', 'taken_down'],
  ready: ['taken_down'],
  failed: [],
  // Restore: back to the status it had (`statusBeforeTakedown`), checked by `restoredStatus`.
  taken_down: ['ready', 'transcoded'],
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

/** The statuses a takedown can end, and so the ones a restore returns to. */
export type RestorableStatus = 'ready' | 'transcoded';

/** The status a restore returns a video to: the one it had, which only these can be. */
export function restoredStatus(before: string | null): RestorableStatus {
  return before === 'transcoded' ? 'transcoded' : 'ready';
}
