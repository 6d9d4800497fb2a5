import type { components } from '../../contract/openapi.gen.js';
import type { CommentRow } from '../../db/comments.js';
import { encodeCommentCursor } from '../../domain/comment-cursor.js';
import { commentView } from './comment-view.js';

/** One page of comments: one row more than `limit` tells whether another page exists. */
export async function commentPage(
  limit = 25,
  fetchRows: (limit: number) => Promise<CommentRow[]>,
): Promise<components['schemas']['CommentList']> {
  const rows = await fetchRows(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(commentView),
    next_cursor: rows.length > limit && last ? encodeCommentCursor(last.id) : null,
  };
}
