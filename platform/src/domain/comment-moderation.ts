export type CommentState = 'published' | 'held' | 'rejected' | 'deleted';
export type ModerationDecision = 'approve' | 'reject';

/** Only published comments count in a video's `comment_count` and a thread's `reply_count`. */
export const isCounted = (state: CommentState) => state === 'published';

/**
 * Where the tenant's decision takes a comment: approving publishes it, rejecting refuses or
 * takes it down, either again changes nothing. An author's deletion is final: undefined.
 */
export function moderatedState(
  state: CommentState,
  decision: ModerationDecision,
): CommentState | undefined {
  if (state === 'deleted') return undefined;
  return decision === 'approve' ? 'published' : 'rejected';
}
