export type ViewerErasureStatus = 'pending' | 'running' | 'done';

/** Rows of each kind an erasure batch removes at most, in one transaction. */
export const ERASURE_BATCH = 500;

/**
 * Where an erasure goes after a batch: the first batch starts it, a batch that found less than
 * a full batch of every kind finishes it. A done erasure stays done: undefined.
 */
export function erasureAfterBatch(
  status: ViewerErasureStatus,
  more: boolean,
): ViewerErasureStatus | undefined {
  if (status === 'done') return undefined;
  return more ? 'running' : 'done';
}

/**
 * What stands in for the viewer where a row must stay: an erased comment's author. Viewer ids
 * are 1 to 255 characters, so the empty string is no viewer's.
 */
export const ERASED_AUTHOR = '';
