import { and, desc, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Queryable } from './connection.js';
import { videos, watchHistory, watchHistorySettings } from './schema.js';

export interface HistoryKey {
  tenantId: string;
  viewerId: string;
  videoId: string;
}

export type HistoryRow = typeof watchHistory.$inferSelect;
export type HistoryChange = Pick<
  HistoryRow,
  'positionSec' | 'finished' | 'sessionId' | 'seq' | 'updatedAt'
>;

const entryOf = (key: HistoryKey) =>
  and(
    eq(watchHistory.tenantId, key.tenantId),
    eq(watchHistory.viewerId, key.viewerId),
    eq(watchHistory.videoId, key.videoId),
  );

export async function findSettings(db: Queryable, tenantId: string, viewerId: string) {
  const [row] = await db
    .select()
    .from(watchHistorySettings)
    .where(
      and(eq(watchHistorySettings.tenantId, tenantId), eq(watchHistorySettings.viewerId, viewerId)),
    );
  return row;
}

/** Writes the settings row, making it on first use; `cleared` stamps a clear. */
export async function saveSettings(
  db: Queryable,
  values: { tenantId: string; viewerId: string; paused?: boolean; cleared?: boolean },
) {
  // The database's clock, the one that stamps the reports (outbox rows) it is compared with.
  const change = {
    ...(values.paused !== undefined && { paused: values.paused }),
    ...(values.cleared && { clearedAt: sql`now()` }),
    updatedAt: sql`now()`,
  };
  const [row] = await db
    .insert(watchHistorySettings)
    .values({ tenantId: values.tenantId, viewerId: values.viewerId, ...change })
    .onConflictDoUpdate({
      target: [watchHistorySettings.tenantId, watchHistorySettings.viewerId],
      set: change,
    })
    .returning();
  if (!row) throw new Error('history settings upsert returned nothing');
  return row;
}

/** The rows `jsonb_to_recordset` reads, as one JSON parameter: a statement for any number. */
const recordset = (rows: readonly object[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`;

/** The history settings of many viewers, in one query. */
export async function findSettingsOf(
  db: Queryable,
  viewers: readonly { tenantId: string; viewerId: string }[],
) {
  if (viewers.length === 0) return [];
  const result = await db.execute<{
    tenant_id: string;
    viewer_id: string;
    paused: boolean;
    cleared_at: string | null;
  }>(sql`select s.tenant_id, s.viewer_id, s.paused, s.cleared_at
      from watch_history_settings s
      join ${recordset(viewers)} as k("tenantId" uuid, "viewerId" text)
        on s.tenant_id = k."tenantId" and s.viewer_id = k."viewerId"`);
  return result.rows.map((r) => ({
    tenantId: r.tenant_id,
    viewerId: r.viewer_id,
    paused: r.paused,
    clearedAt: r.cleared_at === null ? null : new Date(r.cleared_at),
  }));
}

/** The lengths of many videos, each only if its tenant has it, in one query. */
export async function findVideoLengths(
  db: Queryable,
  keys: readonly { tenantId: string; videoId: string }[],
) {
  if (keys.length === 0) return [];
  const result = await db.execute<{ id: string; tenant_id: string; duration_sec: number | null }>(
    sql`select v.id, v.tenant_id, v.duration_sec from videos v
      join ${recordset(keys)} as k("tenantId" uuid, "videoId" uuid)
        on v.id = k."videoId" and v.tenant_id = k."tenantId"`,
  );
  return result.rows.map((r) => ({
    tenantId: r.tenant_id,
    videoId: r.id,
    durationSec: r.duration_sec === null ? null : Number(r.duration_sec),
  }));
}

const byPrimaryKey = (a: HistoryKey, b: HistoryKey) =>
  a.tenantId.localeCompare(b.tenantId) ||
  a.viewerId.localeCompare(b.viewerId) ||
  a.videoId.localeCompare(b.videoId);

/**
 * The entries, locked for the rest of the transaction so reports of one viewer and video apply
 * one batch at a time. Missing ones are made first as removed entries older than any report.
 * Both statements go in key order, so two batches sharing entries wait, never deadlock.
 */
export async function holdEntries(
  tx: Queryable,
  keys: readonly HistoryKey[],
): Promise<HistoryRow[]> {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort(byPrimaryKey);
  const columns = sql`("tenantId" uuid, "viewerId" text, "videoId" uuid)`;
  await tx.execute(sql`insert into watch_history (tenant_id, viewer_id, video_id, removed, updated_at)
    select k."tenantId", k."viewerId", k."videoId", true, 'epoch'::timestamptz
      from ${recordset(sorted)} as k${columns}
     order by k."tenantId", k."viewerId", k."videoId"
    on conflict do nothing`);
  return tx
    .select()
    .from(watchHistory)
    .where(
      sql`(${watchHistory.tenantId}, ${watchHistory.viewerId}, ${watchHistory.videoId}) in
        (select k."tenantId", k."viewerId", k."videoId" from ${recordset(sorted)} as k${columns})`,
    )
    .orderBy(watchHistory.tenantId, watchHistory.viewerId, watchHistory.videoId)
    .for('update');
}

/** Writes many held entries in one statement. */
export async function writeEntries(
  tx: Queryable,
  changes: readonly (HistoryKey & HistoryChange)[],
) {
  if (changes.length === 0) return;
  await tx.execute(sql`update watch_history h
       set position_sec = c."positionSec", finished = c.finished, removed = false,
           session_id = c."sessionId", seq = c.seq, updated_at = c."updatedAt"
      from ${recordset(changes)} as c("tenantId" uuid, "viewerId" text, "videoId" uuid,
        "positionSec" real, finished boolean, "sessionId" text, seq integer,
        "updatedAt" timestamptz)
     where h.tenant_id = c."tenantId" and h.viewer_id = c."viewerId" and h.video_id = c."videoId"`);
}

/**
 * Leaves a removed entry with no position and no session: reports received before now lose
 * against it, later ones bring the video back.
 */
export async function removeEntry(db: Queryable, key: HistoryKey) {
  const removed = {
    positionSec: 0,
    finished: false,
    removed: true,
    sessionId: null,
    seq: null,
    updatedAt: sql`now()`,
  };
  await db
    .insert(watchHistory)
    .values({ ...key, ...removed })
    .onConflictDoUpdate({
      target: [watchHistory.tenantId, watchHistory.viewerId, watchHistory.videoId],
      set: removed,
    });
}

export async function deleteEntries(db: Queryable, tenantId: string, viewerId: string) {
  await db
    .delete(watchHistory)
    .where(and(eq(watchHistory.tenantId, tenantId), eq(watchHistory.viewerId, viewerId)));
}

export async function findEntry(db: Queryable, key: HistoryKey) {
  const [row] = await db
    .select()
    .from(watchHistory)
    .where(and(entryOf(key), eq(watchHistory.removed, false)));
  return row;
}

/** A page of the entries whose videos the viewer can still watch, newest first. */
export async function listEntries(
  db: Queryable,
  tenantId: string,
  viewerId: string,
  after: ListPosition | undefined,
  limit: number,
) {
  const older = after
    ? or(
        lt(watchHistory.updatedAt, new Date(after.createdAt)),
        and(
          eq(watchHistory.updatedAt, new Date(after.createdAt)),
          lt(watchHistory.videoId, after.id),
        ),
      )
    : undefined;
  return db
    .select({
      videoId: watchHistory.videoId,
      positionSec: watchHistory.positionSec,
      finished: watchHistory.finished,
      updatedAt: watchHistory.updatedAt,
      title: videos.title,
      durationSec: videos.durationSec,
    })
    .from(watchHistory)
    .innerJoin(videos, eq(videos.id, watchHistory.videoId))
    .where(
      and(
        eq(watchHistory.tenantId, tenantId),
        eq(watchHistory.viewerId, viewerId),
        eq(watchHistory.removed, false),
        older,
        sql`${videos.deletedAt} is null`,
        eq(videos.status, 'ready'),
        ne(videos.visibility, 'private'),
      ),
    )
    .orderBy(desc(watchHistory.updatedAt), desc(watchHistory.videoId))
    .limit(limit);
}

/** The tenant's video's length, if the tenant has that video. */
export async function findVideoLength(db: Queryable, tenantId: string, videoId: string) {
  const [row] = await db
    .select({ durationSec: videos.durationSec })
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.tenantId, tenantId)));
  return row;
}
