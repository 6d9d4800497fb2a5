import { type SQL, sql } from 'drizzle-orm';
import type { Dimension } from '../domain/analytics-dimensions.js';
import type { Filter, Grain } from '../domain/analytics-query.js';
import { RETENTION_POINTS } from '../domain/analytics-sessions.js';
import type { Queryable } from './connection.js';

/** Whose views: one video, one channel, or all of the tenant's. */
export type AnalyticsScope =
  | { tenantId: string; videoId: string }
  | { tenantId: string; channelId: string }
  | { tenantId: string };

export interface AnalyticsWindow {
  scope: AnalyticsScope;
  from: Date;
  to: Date;
  filters: readonly Filter[];
}

const COLUMNS: Record<Dimension, string> = {
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer',
  playback_policy: 'playback_policy',
  rendition: 'rendition',
  video: 'video_id',
};

const column = (dimension: Dimension) => sql.identifier(COLUMNS[dimension]);
const dimensionValue = (dimension: Dimension) =>
  dimension === 'video' ? sql`video_id::text` : column(dimension);

function where(window: AnalyticsWindow, time: 'bucket' | 'started_at'): SQL {
  const { scope } = window;
  const parts = [sql`tenant_id = ${scope.tenantId}`];
  if ('videoId' in scope) parts.push(sql`video_id = ${scope.videoId}`);
  if ('channelId' in scope) parts.push(sql`channel_id = ${scope.channelId}`);
  parts.push(sql`${sql.identifier(time)} >= ${window.from.toISOString()}`);
  parts.push(sql`${sql.identifier(time)} < ${window.to.toISOString()}`);
  for (const f of window.filters) {
    parts.push(
      f.dimension === 'video'
        ? sql`video_id = ${f.value}`
        : sql`${column(f.dimension)} = ${f.value}`,
    );
  }
  return sql.join(parts, sql` and `);
}

/**
 * The rollups a window reads: the tenant's (no video in them) when it asks for neither a video
 * nor a channel, else those per video.
 */
function rollupTable(grain: Grain, window: AnalyticsWindow, dimension?: Dimension) {
  const perVideo =
    'videoId' in window.scope ||
    'channelId' in window.scope ||
    dimension === 'video' ||
    window.filters.some((f) => f.dimension === 'video');
  return sql.identifier(
    `analytics_${perVideo ? '' : 'tenant_'}${grain === 'hour' ? 'hourly' : 'daily'}`,
  );
}

export interface Sums {
  views: number;
  engagedViews: number;
  completedViews: number;
  watchTimeSec: number;
}

const SUMS = sql`coalesce(sum(views), 0)::int as views,
  coalesce(sum(engaged_views), 0)::int as engaged_views,
  coalesce(sum(completed_views), 0)::int as completed_views,
  coalesce(sum(watch_time_sec), 0)::float8 as watch_time_sec`;

interface SumsRow extends Record<string, unknown> {
  views: number;
  engaged_views: number;
  completed_views: number;
  watch_time_sec: number;
}

const sumsOf = (r: SumsRow | undefined): Sums => ({
  views: r?.views ?? 0,
  engagedViews: r?.engaged_views ?? 0,
  completedViews: r?.completed_views ?? 0,
  watchTimeSec: r?.watch_time_sec ?? 0,
});

/** The rollups' sums over the window. */
export async function sumRollups(db: Queryable, grain: Grain, window: AnalyticsWindow) {
  const { rows } = await db.execute<SumsRow>(
    sql`select ${SUMS} from ${rollupTable(grain, window)} where ${where(window, 'bucket')}`,
  );
  return sumsOf(rows[0]);
}

/** The rollups' sums per bucket (buckets without views are left out). */
export async function sumRollupsByBucket(db: Queryable, grain: Grain, window: AnalyticsWindow) {
  const { rows } = await db.execute<SumsRow & { bucket: string }>(
    sql`select bucket::text as bucket, ${SUMS} from ${rollupTable(grain, window)}
        where ${where(window, 'bucket')} group by bucket`,
  );
  return new Map(rows.map((r) => [new Date(r.bucket).getTime(), sumsOf(r)]));
}

/** The rollups' sums per value of a dimension, most views first, a page at a time. */
export async function sumRollupsBy(
  db: Queryable,
  grain: Grain,
  window: AnalyticsWindow,
  dimension: Dimension,
  page: { offset: number; limit: number },
) {
  const { rows } = await db.execute<SumsRow & { value: string }>(
    sql`select ${dimensionValue(dimension)} as value, ${SUMS} from ${rollupTable(grain, window, dimension)}
        where ${where(window, 'bucket')} group by 1
        order by 2 desc, 1 limit ${page.limit + 1} offset ${page.offset}`,
  );
  return rows.map((r) => ({ value: r.value, sums: sumsOf(r) }));
}

/** Distinct viewers of the sessions that started in the window. */
export async function countViewers(db: Queryable, window: AnalyticsWindow) {
  // `distinct` in a subquery hashes; `count(distinct …)` sorts, a third slower at 50,000 sessions.
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (
          select distinct viewer_key from analytics_sessions where ${where(window, 'started_at')}) v`,
  );
  return rows[0]?.n ?? 0;
}

/** Distinct viewers per bucket of the sessions' start. */
export async function countViewersByBucket(db: Queryable, grain: Grain, window: AnalyticsWindow) {
  const { rows } = await db.execute<{ bucket: string; n: number }>(
    sql`select bucket::text as bucket, count(*)::int as n from (
          select distinct date_trunc(${grain}, started_at, 'UTC') as bucket, viewer_key
          from analytics_sessions where ${where(window, 'started_at')}) v
        group by 1`,
  );
  return new Map(rows.map((r) => [new Date(r.bucket).getTime(), r.n]));
}

/**
 * Room for the sorts of one analytics answer (50,000 sessions' starts and ends) in memory
 * rather than in temporary files; for the transaction only.
 */
export async function allowAnalyticsSorts(db: Queryable) {
  await db.execute(sql`set local work_mem = '32MB'`);
}

/** Distinct viewers per value of a dimension, for the given values only. */
export async function countViewersBy(
  db: Queryable,
  window: AnalyticsWindow,
  dimension: Dimension,
  values: readonly string[],
) {
  if (values.length === 0) return new Map<string, number>();
  const { rows } = await db.execute<{ value: string; n: number }>(
    sql`select value, count(*)::int as n from (
          select distinct ${dimensionValue(dimension)} as value, viewer_key
          from analytics_sessions
          where ${where(window, 'started_at')} and ${dimensionValue(dimension)} in (${sql.join(
            values.map((v) => sql`${v}`),
            sql`, `,
          )})) v
        group by 1`,
  );
  return new Map(rows.map((r) => [r.value, r.n]));
}

/**
 * The most sessions open at one moment: each session is open from its first report to its
 * last; at the same instant a start counts before an end.
 */
export async function peakConcurrency(db: Queryable, window: AnalyticsWindow) {
  const { rows } = await db.execute<{ n: number }>(sql`
    with s as (select started_at, ended_at from analytics_sessions where ${where(window, 'started_at')}),
    e as (select started_at as t, 1 as d from s union all select ended_at as t, -1 as d from s)
    select coalesce(max(c), 0)::int as n from (
      select sum(d) over (order by t, d desc rows unbounded preceding) as c from e
    ) x`);
  return rows[0]?.n ?? 0;
}

/** For each 1 % of the duration, how many of the window's views played that point. */
export async function countRetention(db: Queryable, grain: Grain, window: AnalyticsWindow) {
  const { rows } = await db.execute<{ p: number; n: number }>(sql`
    select u.p::int as p, sum(u.n)::int as n
    from ${rollupTable(grain, window)}, unnest(retention) with ordinality as u(n, p)
    where ${where(window, 'bucket')} group by u.p`);
  const counts = new Array<number>(RETENTION_POINTS).fill(0);
  for (const r of rows) if (r.p >= 1 && r.p <= RETENTION_POINTS) counts[r.p - 1] = r.n;
  return counts;
}
