import { sql } from 'drizzle-orm';
import type { CommentState } from '../domain/comment-moderation.js';
import { ERASED_AUTHOR } from '../domain/viewer-erasure.js';
import type { Queryable } from './connection.js';

type Viewer = { tenantId: string; viewerId: string };

/**
 * Up to `limit` of the viewer's comments become placeholders: deleted, no text, no author.
 * Answers what each was, so the counts it made can be taken back.
 */
export async function eraseCommentBatch(tx: Queryable, who: Viewer, limit: number) {
  const result = await tx.execute<{
    video_id: string;
    thread_id: string;
    parent_id: string | null;
    was: CommentState;
  }>(sql`with picked as (
      select id, state from comments
      where tenant_id = ${who.tenantId} and author_viewer_id = ${who.viewerId}
      limit ${limit} for update)
    update comments c set state = 'deleted', text = '', author_viewer_id = ${ERASED_AUTHOR},
      edited_at = null
    from picked where c.id = picked.id
    returning c.video_id, c.thread_id, c.parent_id, picked.state as was`);
  return result.rows;
}

/** Replies that named the viewer as whom they answer stop naming them. */
export async function forgetRepliedToBatch(tx: Queryable, who: Viewer, limit: number) {
  const result = await tx.execute(sql`update comments set reply_to_viewer_id = null
    where id in (select id from comments
      where tenant_id = ${who.tenantId} and reply_to_viewer_id = ${who.viewerId} limit ${limit})`);
  return result.rowCount ?? 0;
}

export async function deleteLikeBatch(tx: Queryable, who: Viewer, limit: number) {
  const result = await tx.execute<{ video_id: string }>(sql`delete from video_likes
    where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} and video_id in (
      select video_id from video_likes
      where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} limit ${limit})
    returning video_id`);
  return result.rows.map((row) => row.video_id);
}

export async function deleteSubscriptionBatch(tx: Queryable, who: Viewer, limit: number) {
  const result = await tx.execute<{ channel_id: string }>(sql`delete from subscriptions
    where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} and channel_id in (
      select channel_id from subscriptions
      where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} limit ${limit})
    returning channel_id`);
  return result.rows.map((row) => row.channel_id);
}

/** Tables whose rows about the viewer go, a batch at a time, with the column naming them. */
const VIEWER_TABLES = [
  ['playlists', 'owner_viewer_id'],
  ['watch_history', 'viewer_id'],
  ['notifications', 'viewer_id'],
  ['reports', 'reporter_viewer_id'],
  ['comment_bans', 'viewer_id'],
  ['watch_history_settings', 'viewer_id'],
  ['notification_settings', 'viewer_id'],
] as const;

/** Deletes up to `limit` rows of each table above; answers how many in all and the most of one. */
export async function deleteViewerRowBatch(tx: Queryable, who: Viewer, limit: number) {
  let total = 0;
  let most = 0;
  for (const [table, column] of VIEWER_TABLES) {
    const result = await tx.execute(sql`delete from ${sql.identifier(table)}
      where ctid in (select ctid from ${sql.identifier(table)}
        where tenant_id = ${who.tenantId} and ${sql.identifier(column)} = ${who.viewerId}
        limit ${limit})`);
    const deleted = result.rowCount ?? 0;
    total += deleted;
    most = Math.max(most, deleted);
  }
  return { total, most };
}

/** Up to `limit` of the viewer's analytics sessions get `placeholder` as their viewer key. */
export async function anonymiseSessionBatch(
  tx: Queryable,
  input: { tenantId: string; viewerKey: string; placeholder: string },
  limit: number,
) {
  const result =
    await tx.execute(sql`update analytics_sessions set viewer_key = ${input.placeholder}
    where tenant_id = ${input.tenantId} and session_id in (select session_id from analytics_sessions
      where tenant_id = ${input.tenantId} and viewer_key = ${input.viewerKey} limit ${limit})`);
  return result.rowCount ?? 0;
}

/** Whether Reel holds anything about the viewer that an erasure would change. */
export async function holdsAnything(tx: Queryable, who: Viewer & { viewerKey: string }) {
  const result = await tx.execute<{ held: boolean }>(sql`select
    exists (select 1 from comments where tenant_id = ${who.tenantId} and author_viewer_id = ${who.viewerId})
    or exists (select 1 from video_likes where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId})
    or exists (select 1 from subscriptions where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId})
    or exists (select 1 from playlists where tenant_id = ${who.tenantId} and owner_viewer_id = ${who.viewerId})
    or exists (select 1 from watch_history where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId})
    or exists (select 1 from notifications where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId})
    or exists (select 1 from reports where tenant_id = ${who.tenantId} and reporter_viewer_id = ${who.viewerId})
    or exists (select 1 from comment_bans where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId})
    or exists (select 1 from analytics_sessions where tenant_id = ${who.tenantId} and viewer_key = ${who.viewerKey})
    as held`);
  return result.rows[0]?.held === true;
}
