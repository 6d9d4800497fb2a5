import type { Context } from '../../context.js';
import { lockOwnComment, markCommentDeleted } from '../../db/comments.js';
import { notFound } from '../../domain/errors.js';
import { countComment } from './count-comment.js';

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
    await countComment(tx, own, -1);
  });
}
