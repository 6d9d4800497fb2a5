import type { components } from '../../contract/openapi.gen.js';
import type { CommentRow } from '../../db/comments.js';

export type ApiComment = components['schemas']['Comment'];

/** A comment as the API shows it; a deleted one keeps its place but not its text. */
export function commentView(row: CommentRow): ApiComment {
  const deleted = row.state === 'deleted';
  return {
    comment_id: row.id,
    video_id: row.videoId,
    thread_id: row.threadId,
    parent_id: row.parentId,
    author_viewer_id: row.authorViewerId,
    reply_to_viewer_id: row.replyToViewerId,
    text: deleted ? '' : row.text,
    state: row.state,
    reply_count: row.replyCount,
    created_at: row.createdAt.toISOString(),
    edited_at: row.editedAt?.toISOString() ?? null,
  };
}
