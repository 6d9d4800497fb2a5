import type { Context } from '../../context.js';
import { lockTenantComment, setCommentState } from '../../db/comments.js';
import {
  isCounted,
  type ModerationDecision,
  moderatedState,
} from '../../domain/comment-moderation.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCommentEvent } from './comment-events.js';
import { type ApiComment, commentView } from './comment-view.js';
import { countComment } from './count-comment.js';

/**
 * The tenant approves or rejects a comment; when it starts or stops being published, the
 * counting event (`events.comments`) commits with the decision. Another tenant's comment reads as missing.
 */
export async function moderateComment(
  ctx: Context,
  input: { tenantId: string; commentId: string; decision: ModerationDecision },
): Promise<ApiComment> {
  return ctx.database.db.transaction(async (tx) => {
    const comment = await lockTenantComment(tx, input.tenantId, input.commentId);
    const next = comment && moderatedState(comment.state, input.decision);
    if (!comment || !next) throw notFound('Comment');
    if (next === comment.state) return commentView(comment);
    const row = await setCommentState(tx, comment.id, next);
    if (isCounted(next) !== isCounted(comment.state)) {
      await countComment(tx, row, isCounted(next) ? 1 : -1);
    }
    await emitCommentEvent(
      tx,
      next === 'published' ? TOPICS.commentApproved : TOPICS.commentRejected,
      row,
    );
    return commentView(row);
  });
}
