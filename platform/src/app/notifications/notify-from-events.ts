import type { Context } from '../../context.js';
import {
  channelOwner,
  findPublishedVideo,
  insertFanout,
  insertNotifications,
} from '../../db/viewer-notifications.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { NotificationKind } from '../../domain/notification-kinds.js';
import type { BusEvent } from '../../ports/event-bus.js';
import type { ApiNotification } from '../../ports/notification-hub.js';
import { isoOf } from './notification-view.js';

interface CommentPayload {
  webhook_data?: {
    comment?: {
      comment_id: string;
      video_id: string;
      parent_id: string | null;
      author_viewer_id: string;
      reply_to_viewer_id: string | null;
    };
    channel_id?: string | null;
  };
}

/**
 * A published public video of a channel becomes a fan-out to walk later (`fanOutNextChunk`), so
 * a large channel never holds up the other notifications; answers whether it made one.
 */
async function rememberFanout(ctx: Context, event: BusEvent): Promise<boolean> {
  const video = await findPublishedVideo(ctx.database.db, event.key);
  if (!video?.public || !video.channel_id) return false;
  await insertFanout(ctx.database.db, {
    sourceEventId: event.eventId,
    tenantId: event.tenantId,
    channelId: video.channel_id,
    payload: { video_id: event.key, channel_id: video.channel_id, title: video.title },
  });
  return true;
}

/** Who hears of a comment: whom it answers, the channel's owner, its author once approved. */
async function commentRecipients(ctx: Context, event: BusEvent) {
  const data = (event.payload as CommentPayload).webhook_data;
  const comment = data?.comment;
  if (!comment) return [];
  const author = comment.author_viewer_id;
  const owner = data.channel_id ? await channelOwner(ctx.database.db, data.channel_id) : null;
  const recipients: { kind: NotificationKind; viewerId: string | null }[] = [
    ...(event.topic === TOPICS.commentApproved
      ? [{ kind: 'comment_approved' as const, viewerId: author }]
      : []),
    { kind: 'comment_reply', viewerId: comment.parent_id ? comment.reply_to_viewer_id : null },
    { kind: 'channel_comment', viewerId: owner },
  ];
  const title = (await findPublishedVideo(ctx.database.db, comment.video_id))?.title;
  const payload = {
    video_id: comment.video_id,
    channel_id: data.channel_id ?? null,
    comment_id: comment.comment_id,
    author_viewer_id: author,
    ...(title !== undefined && { title }),
  };
  // No one hears of their own comment, except that it was approved.
  return recipients
    .filter(
      (r): r is { kind: NotificationKind; viewerId: string } =>
        r.viewerId !== null && (r.viewerId !== author || r.kind === 'comment_approved'),
    )
    .map((r) => ({ ...r, payload }));
}

/**
 * Stores the notifications a batch of events makes and pushes them to the viewers' streams.
 * Dedupe is the unique (viewer, event): a redelivered batch stores and pushes nothing new.
 * Answers whether a fan-out is waiting.
 */
export async function notifyFromEvents(ctx: Context, events: readonly BusEvent[]) {
  let fanouts = false;
  for (const event of events) {
    if (event.topic === TOPICS.videoPublished) {
      fanouts = (await rememberFanout(ctx, event)) || fanouts;
      continue;
    }
    for (const r of await commentRecipients(ctx, event)) {
      const made = { tenantId: event.tenantId, kind: r.kind, payload: r.payload };
      const stored = await insertNotifications(
        ctx.database.db,
        { ...made, sourceEventId: event.eventId },
        [r.viewerId],
      );
      const [first] = stored;
      if (!first) continue;
      await ctx.notifications.publish({
        ...made,
        data: r.payload as ApiNotification['data'],
        createdAt: isoOf(first.createdAt),
        recipients: stored,
      });
    }
  }
  return fanouts;
}
