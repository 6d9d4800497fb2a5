import type { components } from '../contract/openapi.gen.js';
import { conflict } from './errors.js';

export type VideoStatus = components['schemas']['VideoStatus'];

const NEXT: Record<VideoStatus, readonly VideoStatus[]> = {
  waiting_for_upload: ['processing', 'failed'],
  processing: ['transcoded', 'ready', 'failed'],
  transcoded: ['ready'],
  ready: [],
  failed: [],
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

/** The status a freshly transcoded video moves to. */
export const afterTranscode = (autoPublish: boolean): 'ready' | 'transcoded' =>
  autoPublish ? 'ready' : 'transcoded';
