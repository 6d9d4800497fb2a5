import { and, eq, sql } from 'drizzle-orm';
import type { NotificationKind } from '../domain/notification-kinds.js';
import type { Queryable } from './connection.js';
import { notificationFanouts, notificationSettings } from './schema.js';

/** A stored notification; `position` is its creation time to the microsecond, for keysets. */
export type NotificationRow = {
  id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
  position: string;
};

const COLUMNS = sql`id, kind, payload, to_json(created_at)#>>'{}' as created_at,
  to_json(read_at)#>>'{}' as read_at, to_json(created_at)#>>'{}' as position`;

export interface Recipient {
  viewerId: string;
  id: string;
  createdAt: string;
}

interface Made {
  tenantId: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  sourceEventId: string;
}

/** Viewers who turned `kind` off get nothing; a redelivered event makes no second row. */
const wantsIt = (tenantId: string, kind: string) => sql`not exists (
  select 1 from notification_settings s
   where s.tenant_id = ${tenantId} and s.viewer_id = v.viewer_id and s.kind = ${kind} and not s.enabled)`;

export async function insertNotifications(
  tx: Queryable,
  made: Made,
  viewerIds: readonly string[],
): Promise<Recipient[]> {
  if (viewerIds.length === 0) return [];
  const { rows } = await tx.execute<{ id: string; viewer_id: string; created_at: string }>(sql`
    insert into notifications (tenant_id, viewer_id, kind, payload, source_event_id)
    select ${made.tenantId}, v.viewer_id, ${made.kind}, ${JSON.stringify(made.payload)}::jsonb, ${made.sourceEventId}
      from unnest(array[${sql.join(
        viewerIds.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]) as v(viewer_id)
     where ${wantsIt(made.tenantId, made.kind)}
    on conflict do nothing
    returning id, viewer_id, to_json(created_at)#>>'{}' as created_at`);
  return rows.map((r) => ({ viewerId: r.viewer_id, id: r.id, createdAt: r.created_at }));
}

export type FanoutRow = typeof notificationFanouts.$inferSelect;

/** Remembers a channel's fan-out to walk; the same event again changes nothing. */
export async function insertFanout(
  tx: Queryable,
  fanout: Pick<FanoutRow, 'sourceEventId' | 'tenantId' | 'channelId' | 'payload'>,
) {
  await tx.insert(notificationFanouts).values(fanout).onConflictDoNothing();
}

/** The oldest unfinished fan-out no other worker holds, locked until commit. */
export async function claimFanout(tx: Queryable): Promise<FanoutRow | undefined> {
  const [row] = await tx
    .select()
    .from(notificationFanouts)
    .where(sql`${notificationFanouts.doneAt} is null`)
    .orderBy(notificationFanouts.createdAt)
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/**
 * The next `size` subscribers of the fan-out's channel after where it got, notified in one
 * INSERT…SELECT; answers who got one and the last subscriber looked at (none: it is done).
 */
export async function fanOutChunk(tx: Queryable, fanout: FanoutRow, size: number) {
  const { rows } = await tx.execute<{ last: string | null; made: Recipient[] }>(sql`
    with chunk as (
      select viewer_id from subscriptions
       where channel_id = ${fanout.channelId} and tenant_id = ${fanout.tenantId}
         and (${fanout.afterViewerId}::text is null or viewer_id > ${fanout.afterViewerId})
       order by viewer_id limit ${size}
    ), made as (
      insert into notifications (tenant_id, viewer_id, kind, payload, source_event_id)
      select ${fanout.tenantId}, v.viewer_id, 'video_published', ${JSON.stringify(fanout.payload)}::jsonb, ${fanout.sourceEventId}
        from chunk v where ${wantsIt(fanout.tenantId, 'video_published')}
      on conflict do nothing
      returning id, viewer_id, created_at
    )
    select (select max(viewer_id) from chunk) as last,
           coalesce((select json_agg(json_build_object('viewerId', viewer_id, 'id', id,
             'createdAt', to_json(created_at)#>>'{}')) from made), '[]'::json) as made`);
  const row = rows[0];
  return { last: row?.last ?? null, made: row?.made ?? [] };
}

export async function advanceFanout(tx: Queryable, sourceEventId: string, last: string | null) {
  await tx
    .update(notificationFanouts)
    .set(last === null ? { doneAt: sql`now()` } : { afterViewerId: last })
    .where(eq(notificationFanouts.sourceEventId, sourceEventId));
}

export interface ViewerKey {
  tenantId: string;
  viewerId: string;
}

/** A newest-first page, after `before` (a position and id) when given. */
export async function listNotificationRows(
  db: Queryable,
  key: ViewerKey,
  options: { unread: boolean; before?: { position: string; id: string }; limit: number },
): Promise<NotificationRow[]> {
  const { before } = options;
  const { rows } = await db.execute<NotificationRow>(sql`
    select ${COLUMNS} from notifications
     where tenant_id = ${key.tenantId} and viewer_id = ${key.viewerId}
       ${options.unread ? sql`and read_at is null` : sql``}
       ${before ? sql`and (created_at, id) < (${before.position}::timestamptz, ${before.id}::uuid)` : sql``}
     order by created_at desc, id desc
     limit ${options.limit}`);
  return rows;
}

/** What was stored after notification `afterId`, oldest first (a stream's catch-up). */
export async function rowsAfter(db: Queryable, key: ViewerKey, afterId: string, limit: number) {
  const { rows } = await db.execute<NotificationRow>(sql`
    select ${COLUMNS} from notifications
     where tenant_id = ${key.tenantId} and viewer_id = ${key.viewerId}
       and (created_at, id) > (select created_at, id from notifications
              where tenant_id = ${key.tenantId} and viewer_id = ${key.viewerId} and id = ${afterId})
     order by created_at, id
     limit ${limit}`);
  return rows;
}

export async function markRead(db: Queryable, key: ViewerKey, id: string) {
  const { rows } = await db.execute<NotificationRow>(sql`
    update notifications set read_at = coalesce(read_at, now())
     where tenant_id = ${key.tenantId} and viewer_id = ${key.viewerId} and id = ${id}
    returning ${COLUMNS}`);
  return rows[0];
}

/** One update over the unread rows, which the partial index finds. */
export async function markAllRead(db: Queryable, key: ViewerKey): Promise<number> {
  const result = await db.execute(sql`
    update notifications set read_at = now()
     where tenant_id = ${key.tenantId} and viewer_id = ${key.viewerId} and read_at is null`);
  return result.rowCount ?? 0;
}

export async function findSettings(db: Queryable, key: ViewerKey) {
  return db
    .select({ kind: notificationSettings.kind, enabled: notificationSettings.enabled })
    .from(notificationSettings)
    .where(
      and(
        eq(notificationSettings.tenantId, key.tenantId),
        eq(notificationSettings.viewerId, key.viewerId),
      ),
    );
}

export async function saveSettings(
  db: Queryable,
  key: ViewerKey,
  changes: readonly { kind: NotificationKind; enabled: boolean }[],
) {
  if (changes.length === 0) return;
  await db
    .insert(notificationSettings)
    .values(changes.map((c) => ({ ...key, ...c })))
    .onConflictDoUpdate({
      target: [
        notificationSettings.tenantId,
        notificationSettings.viewerId,
        notificationSettings.kind,
      ],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
    });
}

/** Deletes up to `limit` rows past retention; answers how many, so the caller goes on until 0. */
export async function pruneNotifications(
  db: Queryable,
  cutoffs: { readBefore: Date; allBefore: Date },
  limit: number,
): Promise<number> {
  const old = await db.execute(sql`
    delete from notifications where ctid = any(array(
      select ctid from notifications where created_at < ${cutoffs.allBefore.toISOString()}::timestamptz limit ${limit}))`);
  const read = await db.execute(sql`
    delete from notifications where ctid = any(array(
      select ctid from notifications where read_at < ${cutoffs.readBefore.toISOString()}::timestamptz limit ${limit}))`);
  return (old.rowCount ?? 0) + (read.rowCount ?? 0);
}

/** What a published video's notification says, if it should make one (public, in a channel). */
export async function findPublishedVideo(db: Queryable, videoId: string) {
  const { rows } = await db.execute<{
    title: string;
    channel_id: string | null;
    public: boolean;
  }>(sql`
    select title, channel_id,
           (visibility = 'public' and status = 'ready' and deleted_at is null) as public
      from videos where id = ${videoId}`);
  return rows[0];
}

export async function channelOwner(db: Queryable, channelId: string) {
  const { rows } = await db.execute<{ owner_viewer_id: string | null }>(sql`
    select owner_viewer_id from channels where id = ${channelId} and deleted_at is null`);
  return rows[0]?.owner_viewer_id ?? null;
}
