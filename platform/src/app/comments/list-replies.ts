import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findComment, listThreadReplies } from '../../db/comments.js';
import { findViewableVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { commentPage } from './comment-page.js';
import { anchorIn } from './list-comments.js';

/** The replies in a comment's thread, oldest first, where its video's comments are readable. */
export async function listReplies(
  ctx: Context,
  input: { commentId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['CommentList']> {
  const comment = await findComment(ctx.database.db, input.commentId);
  const video =
    comment && (await findViewableVideo(ctx.database.db, comment.videoId, { publicOnly: true }));
  if (!comment || !video) throw notFound('Comment');
  const threadId = comment.threadId;
  const afterId = await anchorIn(ctx, input.cursor, (c) => c.threadId === threadId && !!c.parentId);
  return commentPage(input.limit, (limit) =>
    listThreadReplies(ctx.database.db, threadId, { afterId, limit }),
  );
}
