import type { CommentRow } from '../../db/comments.js';
import type { Queryable } from '../../db/connection.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCountChange } from '../counters/emit-count-change.js';

/**
 * A comment starts or stops being visible: its video's `comment_count` and, for a reply, its
 * thread's `reply_count` move by one, through `events.comments` (the counters role).
 */
export const countComment = (
  tx: Queryable,
  comment: Pick<CommentRow, 'tenantId' | 'videoId' | 'threadId' | 'parentId'>,
  delta: 1 | -1,
) =>
  emitCountChange(tx, comment.tenantId, {
    topic: TOPICS.commentCounted,
    videoId: comment.videoId,
    threadId: comment.threadId,
    reply: comment.parentId !== null,
    delta,
  });
