import { inArray, sql } from 'drizzle-orm';
import type { ViewDimensions } from '../domain/analytics-dimensions.js';
import type { Queryable } from './connection.js';
import {
  analyticsDaily,
  analyticsHourly,
  analyticsSessions,
  analyticsTenantDaily,
  analyticsTenantHourly,
  videos,
} from './schema.js';

export type SessionRow = typeof analyticsSessions.$inferSelect;

/** What analytics needs of the reported videos: their length, channel and playback policy. */
export async function findVideoFacts(db: Queryable, videoIds: readonly string[]) {
  if (videoIds.length === 0) return new Map<string, VideoFacts>();
  const rows = await db
    .select({
      id: videos.id,
      tenantId: videos.tenantId,
      durationSec: videos.durationSec,
      channelId: videos.channelId,
      playbackPolicy: videos.playbackPolicy,
      deletedAt: videos.deletedAt,
    })
    .from(videos)
    .where(inArray(videos.id, [...videoIds]));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface VideoFacts {
  id: string;
  tenantId: string;
  durationSec: number | null;
  channelId: string | null;
  playbackPolicy: string;
  deletedAt: Date | null;
}

export interface SessionClaim extends ViewDimensions {
  tenantId: string;
  sessionId: string;
  videoId: string;
  channelId: string | null;
  viewerKey: string;
  playbackPolicy: string;
  at: Date;
}

/**
 * Makes a row for each new session, owned by its first video and viewer, then locks them all,
 * in key order so two batches never wait on each other in a circle. A new row has no reports
 * yet: it adds nothing to the rollups until it is written.
 */
export async function claimSessions(db: Queryable, claims: readonly SessionClaim[]) {
  const sorted = [...claims].sort((a, b) =>
    `${a.tenantId}\n${a.sessionId}` < `${b.tenantId}\n${b.sessionId}` ? -1 : 1,
  );
  if (sorted.length === 0) return new Map<string, SessionRow>();
  await db
    .insert(analyticsSessions)
    .values(
      sorted.map(({ at, ...c }) => ({
        ...c,
        startedAt: at,
        endedAt: at,
        covered: '',
        reports: [],
      })),
    )
    .onConflictDoNothing();
  const keys = sorted.map((c) => sql`(${c.tenantId}::uuid, ${c.sessionId})`);
  const rows = await db
    .select()
    .from(analyticsSessions)
    .where(
      sql`(${analyticsSessions.tenantId}, ${analyticsSessions.sessionId}) in (${sql.join(keys, sql`, `)})`,
    )
    .orderBy(analyticsSessions.tenantId, analyticsSessions.sessionId)
    .for('update');
  return new Map(rows.map((r) => [`${r.tenantId}\n${r.sessionId}`, r]));
}

export type SessionFiguresRow = Pick<
  SessionRow,
  | 'tenantId'
  | 'sessionId'
  | 'startedAt'
  | 'endedAt'
  | 'watchTimeSec'
  | 'engaged'
  | 'completed'
  | 'covered'
  | 'rendition'
  | 'reports'
>;

/** Stores sessions' reports and the figures read from them: one statement for the batch. */
export async function writeSessions(db: Queryable, rows: readonly SessionFiguresRow[]) {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
  }));
  await db.execute(sql`
    update analytics_sessions s set started_at = r."startedAt", ended_at = r."endedAt",
      watch_time_sec = r."watchTimeSec", engaged = r.engaged, completed = r.completed,
      covered = r.covered, rendition = r.rendition, reports = r.reports
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as r("tenantId" uuid,
      "sessionId" text, "startedAt" timestamptz, "endedAt" timestamptz, "watchTimeSec" float8,
      engaged boolean, completed boolean, covered text, rendition text, reports jsonb)
    where s.tenant_id = r."tenantId" and s.session_id = r."sessionId"`);
}

/** What sessions add to one rollup row (negative for what a session takes back). */
export interface RollupDelta extends ViewDimensions {
  playbackPolicy: string;
  rendition: string;
  tenantId: string;
  videoId: string;
  channelId: string | null;
  bucket: Date;
  views: number;
  engagedViews: number;
  completedViews: number;
  watchTimeSec: number;
  retention: number[];
}

type RollupTable =
  | typeof analyticsHourly
  | typeof analyticsDaily
  | typeof analyticsTenantHourly
  | typeof analyticsTenantDaily;

/**
 * Adds each delta to its row of one rollup table, in key order (no circular waits): every sum,
 * and retention point by point.
 */
async function addTo(db: Queryable, table: RollupTable, deltas: readonly TenantRollupDelta[]) {
  if (deltas.length === 0) return;
  const video = 'videoId' in table ? [table.videoId] : [];
  // The four share their columns (the tenant's lack the video); drizzle types one at a time.
  const anyTable = table as typeof analyticsHourly;
  await db
    .insert(anyTable)
    .values(deltas as RollupDelta[])
    .onConflictDoUpdate({
      target: [
        table.tenantId,
        ...video,
        table.bucket,
        table.country,
        table.device,
        table.browser,
        table.os,
        table.referrer,
        table.playbackPolicy,
        table.rendition,
      ],
      set: {
        views: sql`${table.views} + excluded.views`,
        engagedViews: sql`${table.engagedViews} + excluded.engaged_views`,
        completedViews: sql`${table.completedViews} + excluded.completed_views`,
        watchTimeSec: sql`${table.watchTimeSec} + excluded.watch_time_sec`,
        retention: sql`array(select coalesce(a, 0) + coalesce(b, 0)
          from unnest(${table.retention}, excluded.retention) with ordinality as u(a, b, i) order by i)`,
      },
    });
}

/** Adds the deltas to the hourly or daily rollups per video. */
export const addToRollups = (
  db: Queryable,
  grain: 'hour' | 'day',
  deltas: readonly RollupDelta[],
) => addTo(db, grain === 'hour' ? analyticsHourly : analyticsDaily, deltas);

export type TenantRollupDelta = Omit<RollupDelta, 'videoId' | 'channelId'>;

/** The same for the tenant's rollups, which leave the video out. */
export const addToTenantRollups = (
  db: Queryable,
  grain: 'hour' | 'day',
  deltas: readonly TenantRollupDelta[],
) => addTo(db, grain === 'hour' ? analyticsTenantHourly : analyticsTenantDaily, deltas);

/** Deletes what is older than the cutoffs, a bounded batch at a time; returns rows deleted. */
export async function pruneAnalytics(
  db: Queryable,
  cutoffs: { sessions: Date; hourly: Date; daily: Date },
  batch: number,
) {
  let deleted = 0;
  for (const [table, column, before] of [
    ['analytics_sessions', 'started_at', cutoffs.sessions],
    ['analytics_hourly', 'bucket', cutoffs.hourly],
    ['analytics_daily', 'bucket', cutoffs.daily],
    ['analytics_tenant_hourly', 'bucket', cutoffs.hourly],
    ['analytics_tenant_daily', 'bucket', cutoffs.daily],
  ] as const) {
    const result = await db.execute(sql`
      delete from ${sql.identifier(table)} where ctid in (
        select ctid from ${sql.identifier(table)} where ${sql.identifier(column)} < ${before.toISOString()}
        limit ${batch})`);
    deleted += result.rowCount ?? 0;
  }
  return deleted;
}
