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

/**
 * The entry, locked for the rest of the transaction so reports of one viewer and video apply
 * one at a time. A missing one is made first as a removed entry older than any report.
 */
export async function holdEntry(tx: Queryable, key: HistoryKey): Promise<HistoryRow> {
  await tx
    .insert(watchHistory)
    .values({ ...key, removed: true, updatedAt: new Date(0) })
    .onConflictDoNothing();
  const [row] = await tx.select().from(watchHistory).where(entryOf(key)).for('update');
  if (!row) throw new Error('history entry vanished while held');
  return row;
}

export async function writeEntry(tx: Queryable, key: HistoryKey, change: HistoryChange) {
  await tx
    .update(watchHistory)
    .set({ ...change, removed: false })
    .where(entryOf(key));
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
