import type { Context } from '../../context.js';
import type { NewEvent } from '../../db/outbox.js';
import { emit } from '../../db/outbox.js';
import {
  anonymiseSessionBatch,
  deleteCountedBatch,
  deleteViewerRowBatch,
  eraseCommentBatch,
  forgetChannelOwnerBatch,
  forgetRepliedToBatch,
} from '../../db/viewer-erasure-batches.js';
import { claimNextErasure, writeErasureStatus } from '../../db/viewer-erasures.js';
import { analyticsViewerKey } from '../../domain/analytics-sessions.js';
import { isCounted } from '../../domain/comment-moderation.js';
import { countChangeData } from '../../domain/counters.js';
import { TOPICS } from '../../domain/event-routes.js';
import { ERASURE_BATCH, erasureAfterBatch } from '../../domain/viewer-erasure.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { erasureView } from './erasure-view.js';

/**
 * One batch of the oldest open erasure, in one transaction: up to ERASURE_BATCH rows of each
 * kind go, and the counts they made are taken back through the same counting events an unlike,
 * an unsubscribe or a deletion emits. Answers how many rows it changed (0: nothing to do).
 */
export async function runErasureBatch(ctx: Context): Promise<number> {
  return ctx.database.db.transaction(async (tx) => {
    const erasure = await claimNextErasure(tx);
    if (!erasure) return 0;
    const who = { tenantId: erasure.tenantId, viewerId: erasure.viewerId };
    const comments = await eraseCommentBatch(tx, who, ERASURE_BATCH);
    const repliesTo = await forgetRepliedToBatch(tx, who, ERASURE_BATCH);
    const channels = await forgetChannelOwnerBatch(tx, who, ERASURE_BATCH);
    const likes = await deleteCountedBatch(tx, who, 'likes', ERASURE_BATCH);
    const subscriptions = await deleteCountedBatch(tx, who, 'subscriptions', ERASURE_BATCH);
    const rows = await deleteViewerRowBatch(tx, who, ERASURE_BATCH);
    const sessions = await anonymiseSessionBatch(
      tx,
      {
        tenantId: who.tenantId,
        viewerKey: analyticsViewerKey({ viewerId: who.viewerId }),
        // One key for all their sessions keeps unique-viewer figures as they were.
        placeholder: `erased:${erasure.id}`,
      },
      ERASURE_BATCH,
    );
    const tenantId = who.tenantId;
    const events: NewEvent[] = [
      ...comments
        .filter((comment) => isCounted(comment.was))
        .map((comment) => ({
          topic: TOPICS.commentCounted,
          videoId: comment.video_id,
          tenantId,
          data: countChangeData({
            topic: TOPICS.commentCounted,
            videoId: comment.video_id,
            threadId: comment.thread_id,
            reply: comment.parent_id !== null,
            delta: -1,
          }),
        })),
      ...likes.map((videoId) => ({
        topic: TOPICS.likeChanged,
        videoId,
        tenantId,
        data: countChangeData({ topic: TOPICS.likeChanged, videoId, delta: -1 }),
      })),
      ...subscriptions.map((channelId) => ({
        topic: TOPICS.subscriptionChanged,
        channelId,
        tenantId,
        data: countChangeData({ topic: TOPICS.subscriptionChanged, channelId, delta: -1 }),
      })),
    ];
    await emit(tx, ...events);
    const most = Math.max(
      comments.length,
      repliesTo,
      channels,
      likes.length,
      subscriptions.length,
      rows.most,
      sessions,
    );
    const next = erasureAfterBatch(erasure.status, most >= ERASURE_BATCH);
    if (next && next !== erasure.status) {
      const written = await writeErasureStatus(tx, erasure.id, next);
      if (next === 'done') {
        await emit(tx, {
          topic: TOPICS.viewerErased,
          erasureId: erasure.id,
          tenantId,
          data: withWebhookData({ erasure: erasureView(written) }),
        });
      }
    }
    // Finishing counts as work done, so the loop looks for the next erasure at once.
    return (
      comments.length +
      repliesTo +
      likes.length +
      subscriptions.length +
      rows.total +
      sessions +
      (next === 'done' ? 1 : 0)
    );
  });
}
