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

/** Channels the viewer owned stay the tenant's, naming no one. */
export async function forgetChannelOwnerBatch(tx: Queryable, who: Viewer, limit: number) {
  const result = await tx.execute(sql`update channels set owner_viewer_id = null
    where id in (select id from channels
      where tenant_id = ${who.tenantId} and owner_viewer_id = ${who.viewerId} limit ${limit})`);
  return result.rowCount ?? 0;
}

/** Rows whose deletion takes a count back: the table, and the column naming what it counted. */
const COUNTED_TABLES = {
  likes: ['video_likes', 'video_id'],
  subscriptions: ['subscriptions', 'channel_id'],
} as const;

/** Deletes up to `limit` of the viewer's likes or subscriptions; answers what each counted. */
export async function deleteCountedBatch(
  tx: Queryable,
  who: Viewer,
  kind: keyof typeof COUNTED_TABLES,
  limit: number,
) {
  const [name, column] = COUNTED_TABLES[kind];
  const table = sql.identifier(name);
  const counted = sql.identifier(column);
  const result = await tx.execute<{ counted: string }>(sql`delete from ${table}
    where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} and ${counted} in (
      select ${counted} from ${table}
      where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId} limit ${limit})
    returning ${counted} as counted`);
  return result.rows.map((row) => row.counted);
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
  ['live_chat_messages', 'viewer_id'],
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

/** Where Reel keeps something about a viewer: the table, and the column naming them. */
const HELD_IN = [
  ['comments', 'author_viewer_id'],
  ['video_likes', 'viewer_id'],
  ['subscriptions', 'viewer_id'],
  ['playlists', 'owner_viewer_id'],
  ['watch_history', 'viewer_id'],
  ['notifications', 'viewer_id'],
  ['reports', 'reporter_viewer_id'],
  ['comment_bans', 'viewer_id'],
  ['channels', 'owner_viewer_id'],
  ['live_chat_messages', 'viewer_id'],
] as const;

/** Whether Reel holds anything about the viewer that an erasure would change. */
export async function holdsAnything(tx: Queryable, who: Viewer & { viewerKey: string }) {
  const rows = HELD_IN.map(
    ([table, column]) => sql`exists (select 1 from ${sql.identifier(table)}
      where tenant_id = ${who.tenantId} and ${sql.identifier(column)} = ${who.viewerId})`,
  );
  const sessions = sql`exists (select 1 from analytics_sessions
    where tenant_id = ${who.tenantId} and viewer_key = ${who.viewerKey})`;
  const result = await tx.execute<{ held: boolean }>(
    sql`select ${sql.join([...rows, sessions], sql` or `)} as held`,
  );
  return result.rows[0]?.held === true;
}
