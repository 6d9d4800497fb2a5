import type { Context } from '../../context.js';
import {
  lockOwnComment,
  lockTenantComment,
  markCommentDeleted,
  moveCommentCounts,
} from '../../db/comments.js';
import { isCounted } from '../../domain/comment-moderation.js';
import { notFound } from '../../domain/errors.js';

/** Who deletes: the author (their own published comment) or the tenant (any of its own). */
export type CommentDeleter = { viewerId: string } | { tenantId: string };

/**
 * The author or the tenant (moderation) deletes a comment and, if it counted, it stops
 * counting. A top-level comment with replies stays in lists as a placeholder; one without
 * disappears. A deleted comment reads as missing from then on.
 */
export async function deleteComment(
  ctx: Context,
  input: { by: CommentDeleter; commentId: string },
): Promise<void> {
  const { by, commentId } = input;
  await ctx.database.db.transaction(async (tx) => {
    const comment =
      'viewerId' in by
        ? await lockOwnComment(tx, commentId, by.viewerId)
        : await lockTenantComment(tx, by.tenantId, commentId);
    if (!comment || comment.state === 'deleted') throw notFound('Comment');
    await markCommentDeleted(tx, comment.id);
    if (isCounted(comment.state)) await moveCommentCounts(tx, comment, -1);
  });
}
