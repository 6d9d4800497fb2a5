import type { components } from '../../contract/openapi.gen.js';
import type { CommentRow } from '../../db/comments.js';
import type { Queryable } from '../../db/connection.js';
import { emit } from '../../db/outbox.js';
import { videoChannelId } from '../../db/video-channel.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { commentView } from './comment-view.js';

type CommentEvent = components['schemas']['CommentWebhookEvent'];

/** Emits a comment's webhook event in the change's transaction, with the comment as it is now. */
export async function emitCommentEvent(
  tx: Queryable,
  topic: CommentEvent['type'],
  comment: CommentRow,
): Promise<void> {
  const data: CommentEvent['data'] = {
    comment: commentView(comment),
    channel_id: await videoChannelId(tx, comment.videoId),
  };
  await emit(tx, {
    topic,
    videoId: comment.videoId,
    tenantId: comment.tenantId,
    data: withWebhookData(data),
  });
}
