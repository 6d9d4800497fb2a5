import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { isBanned } from '../../db/comment-bans.js';
import { findPublishedComment, insertComment } from '../../db/comments.js';
import { findViewableVideo } from '../../db/videos.js';
import { isCounted } from '../../domain/comment-moderation.js';
import { checkCommentText } from '../../domain/comment-text.js';
import { badRequest, notFound, ReelError } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCommentEvent } from './comment-events.js';
import { type ApiComment, commentView } from './comment-view.js';
import { countComment } from './count-comment.js';

/**
 * A viewer's comment or reply. A reply to a reply joins the same thread (the top-level comment)
 * and records whom it answers; a published one emits `events.comments` in the same transaction,
 * from which the counters role moves the thread's and the video's counts.
 */
export async function createComment(
  ctx: Context,
  input: { tenantId: string; viewerId: string; videoId: string; text: string; parentId?: string },
): Promise<ApiComment> {
  const { tenantId, viewerId, videoId, parentId } = input;
  const text = checkCommentText(input.text);
  return ctx.database.db.transaction(async (tx) => {
    const video = await findViewableVideo(tx, videoId, { tenantId });
    if (!video) throw notFound('Video');
    if (video.commentsPolicy === 'disabled') {
      throw new ReelError(403, 'comments_disabled', 'This video does not take comments');
    }
    if (await isBanned(tx, tenantId, viewerId)) {
      throw new ReelError(403, 'commenting_banned', 'This viewer may not comment here');
    }
    const parent = parentId ? await findPublishedComment(tx, videoId, parentId) : undefined;
    if (parentId && !parent) {
      throw badRequest('invalid_request', 'parent_id is not a comment on this video', {
        errors: [{ path: 'body/parent_id', message: 'no such comment on this video' }],
      });
    }
    const id = randomUUID();
    const row = await insertComment(tx, {
      id,
      tenantId,
      videoId,
      threadId: parent?.threadId ?? id,
      parentId: parent?.id ?? null,
      authorViewerId: viewerId,
      replyToViewerId: parent?.authorViewerId ?? null,
      text,
      // A held comment waits, uncounted and unseen, for the tenant's approval.
      state: video.commentsPolicy === 'held' ? 'held' : 'published',
    });
    if (isCounted(row.state)) await countComment(tx, row, 1);
    await emitCommentEvent(
      tx,
      row.state === 'held' ? TOPICS.commentHeld : TOPICS.commentCreated,
      row,
    );
    return commentView(row);
  });
}
