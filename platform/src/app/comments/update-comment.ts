import type { Context } from '../../context.js';
import { lockOwnComment, setCommentText } from '../../db/comments.js';
import { checkCommentText } from '../../domain/comment-text.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCommentEvent } from './comment-events.js';
import { type ApiComment, commentView } from './comment-view.js';

/** The author edits their comment; anyone else's comment reads as missing (404). */
export async function updateComment(
  ctx: Context,
  input: { viewerId: string; commentId: string; text: string },
): Promise<ApiComment> {
  const text = checkCommentText(input.text);
  return ctx.database.db.transaction(async (tx) => {
    const own = await lockOwnComment(tx, input.commentId, input.viewerId);
    if (!own) throw notFound('Comment');
    const row = await setCommentText(tx, own.id, text);
    if (text !== own.text) await emitCommentEvent(tx, TOPICS.commentUpdated, row);
    return commentView(row);
  });
}
