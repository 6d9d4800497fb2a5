import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { type CommentRow, findComment, listTopLevelComments } from '../../db/comments.js';
import { findViewableVideo } from '../../db/videos.js';
import { decodeCommentCursor, invalidCommentCursor } from '../../domain/comment-cursor.js';
import { notFound } from '../../domain/errors.js';
import { commentPage } from './comment-page.js';

type CommentList = components['schemas']['CommentList'];

/** A public video's top-level comments, newest or oldest first, readable by anyone. */
export async function listComments(
  ctx: Context,
  input: { videoId: string; cursor?: string; limit?: number; order?: 'newest' | 'oldest' },
): Promise<CommentList> {
  const video = await findViewableVideo(ctx.database.db, input.videoId, { publicOnly: true });
  if (!video) throw notFound('Video');
  const afterId = await anchorIn(ctx, input.cursor, (c) => c.videoId === video.id && !c.parentId);
  return commentPage(input.limit, (limit) =>
    listTopLevelComments(ctx.database.db, video.id, {
      order: input.order ?? 'newest',
      afterId,
      limit,
    }),
  );
}

/** The comment a cursor names, which must belong to the list it is used on. */
export async function anchorIn(
  ctx: Context,
  cursor: string | undefined,
  belongs: (comment: CommentRow) => boolean,
): Promise<string | undefined> {
  if (cursor === undefined) return undefined;
  const anchor = await findComment(ctx.database.db, decodeCommentCursor(cursor));
  if (!anchor || !belongs(anchor)) throw invalidCommentCursor();
  return anchor.id;
}
