import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { type CommentRow, findComment, listTopLevelComments } from '../../db/comments.js';
import { decodeCommentCursor, invalidCommentCursor } from '../../domain/comment-cursor.js';
import { notFound } from '../../domain/errors.js';
import type { Reader } from '../auth/reader.js';
import { commentPage } from './comment-page.js';
import { audienceOf, commentedVideo } from './comment-readers.js';

type CommentList = components['schemas']['CommentList'];

/**
 * A video's top-level comments, newest or oldest first, as the reader sees them: the public
 * the published ones, a viewer also their own held ones, the tenant every state.
 */
export async function listComments(
  ctx: Context,
  input: {
    reader: Reader;
    videoId: string;
    cursor?: string;
    limit?: number;
    order?: 'newest' | 'oldest';
  },
): Promise<CommentList> {
  const video = await commentedVideo(ctx, input.reader, input.videoId);
  if (!video) throw notFound('Video');
  const afterId = await anchorIn(ctx, input.cursor, (c) => c.videoId === video.id && !c.parentId);
  return commentPage(input.limit, (limit) =>
    listTopLevelComments(ctx.database.db, video.id, {
      audience: audienceOf(input.reader),
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
