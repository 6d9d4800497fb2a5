import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findComment, listThreadReplies } from '../../db/comments.js';
import { notFound } from '../../domain/errors.js';
import type { Reader } from '../auth/reader.js';
import { commentPage } from './comment-page.js';
import { audienceOf, commentedVideo, seesComment } from './comment-readers.js';
import { anchorIn } from './list-comments.js';

/**
 * The replies in a comment's thread, oldest first, for a reader who may read the video's
 * comments and sees this one; what they see of the replies follows the same rules.
 */
export async function listReplies(
  ctx: Context,
  input: { reader: Reader; commentId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['CommentList']> {
  const comment = await findComment(ctx.database.db, input.commentId);
  const video = comment && (await commentedVideo(ctx, input.reader, comment.videoId));
  if (!comment || !video || !seesComment(input.reader, comment)) throw notFound('Comment');
  const threadId = comment.threadId;
  const afterId = await anchorIn(ctx, input.cursor, (c) => c.threadId === threadId && !!c.parentId);
  return commentPage(input.limit, (limit) =>
    listThreadReplies(ctx.database.db, threadId, {
      audience: audienceOf(input.reader),
      afterId,
      limit,
    }),
  );
}
