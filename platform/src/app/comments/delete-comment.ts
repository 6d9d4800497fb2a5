import type { Context } from '../../context.js';
import { lockOwnComment, markCommentDeleted, moveCommentCounts } from '../../db/comments.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCommentEvent } from './comment-events.js';

/**
 * The author deletes their comment and it stops counting. A top-level comment with replies
 * stays in lists as a placeholder; one without disappears.
 */
export async function deleteComment(
  ctx: Context,
  input: { viewerId: string; commentId: string },
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const own = await lockOwnComment(tx, input.commentId, input.viewerId);
    if (!own) throw notFound('Comment');
    await markCommentDeleted(tx, own.id);
    await moveCommentCounts(tx, own, -1);
    await emitCommentEvent(tx, TOPICS.commentDeleted, { ...own, state: 'deleted', text: '' });
  });
}
