import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import {
  type AnalyticsScope,
  type AnalyticsWindow,
  allowAnalyticsSorts,
  countRetention,
  countViewers,
  countViewersBy,
  countViewersByBucket,
  peakConcurrency,
  type Sums,
  sumRollups,
  sumRollupsBy,
  sumRollupsByBucket,
} from '../../db/analytics-queries.js';
import type { Queryable } from '../../db/connection.js';
import {
  type AnalyticsMetrics,
  type AnalyticsQuery,
  bucketsOf,
  encodeRowCursor,
  type Metric,
  OVERALL_ONLY,
  parseAnalyticsQuery,
  type RawAnalyticsQuery,
} from '../../domain/analytics-query.js';

type AnalyticsReport = components['schemas']['AnalyticsReport'];

const EMPTY: Sums = { views: 0, engagedViews: 0, completedViews: 0, watchTimeSec: 0 };

/** The asked metrics from the rollups' sums and the sessions' figures. */
function metricsOf(
  asked: readonly Metric[],
  sums: Sums,
  sessions: { uniqueViewers?: number; peak?: number; retention?: number[] },
): AnalyticsMetrics {
  const all: AnalyticsMetrics = {
    views: sums.views,
    engaged_views: sums.engagedViews,
    watch_time_sec: sums.watchTimeSec,
    average_view_sec: sums.views > 0 ? sums.watchTimeSec / sums.views : 0,
    completion_rate: sums.views > 0 ? sums.completedViews / sums.views : 0,
    ...(sessions.uniqueViewers !== undefined && { unique_viewers: sessions.uniqueViewers }),
    ...(sessions.peak !== undefined && { peak_concurrent_viewers: sessions.peak }),
    ...(sessions.retention && {
      retention: sessions.retention.map((n) => (sums.views > 0 ? n / sums.views : 0)),
    }),
  };
  return Object.fromEntries(
    asked.flatMap((m) => (m in all ? [[m, all[m]]] : [])),
  ) as AnalyticsMetrics;
}

/**
 * One analytics answer: additive metrics and the retention curve from the hourly or daily
 * rollups, unique viewers and peak concurrency from the sessions (exact, over the same
 * timeframe), with the asked series and breakdown page.
 */
export async function analyticsReport(
  ctx: Context,
  scope: AnalyticsScope,
  raw: RawAnalyticsQuery,
): Promise<AnalyticsReport> {
  const query = parseAnalyticsQuery(raw, new Date());
  const window: AnalyticsWindow = { scope, from: query.from, to: query.to, filters: query.filters };
  const wants = (m: Metric) => query.metrics.includes(m);
  // One snapshot for every figure of the answer; one after the other, on the request's connection.
  return ctx.database.db.transaction(async (db) => {
    await allowAnalyticsSorts(db);
    const sums = await sumRollups(db, query.grain, window);
    const viewers = wants('unique_viewers') ? await countViewers(db, window) : undefined;
    const peak = wants('peak_concurrent_viewers') ? await peakConcurrency(db, window) : undefined;
    const retention = wants('retention')
      ? await countRetention(db, query.grain, window)
      : undefined;
    const perPart = query.metrics.filter((m) => !OVERALL_ONLY.includes(m));
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      metrics: metricsOf(query.metrics, sums, { uniqueViewers: viewers, peak, retention }),
      ...(query.granularity && {
        granularity: query.granularity,
        series: await seriesOf(db, query, window, perPart),
      }),
      ...(query.breakdown && (await rowsOf(db, query, window, perPart))),
    };
  });
}

async function seriesOf(
  db: Queryable,
  query: AnalyticsQuery,
  window: AnalyticsWindow,
  asked: readonly Metric[],
) {
  const sums = await sumRollupsByBucket(db, query.grain, window);
  const viewers = asked.includes('unique_viewers')
    ? await countViewersByBucket(db, query.grain, window)
    : undefined;
  return bucketsOf(query).map((bucket) => ({
    t: bucket.toISOString(),
    metrics: metricsOf(asked, sums.get(bucket.getTime()) ?? EMPTY, {
      uniqueViewers: viewers && (viewers.get(bucket.getTime()) ?? 0),
    }),
  }));
}

async function rowsOf(
  db: Queryable,
  query: AnalyticsQuery,
  window: AnalyticsWindow,
  asked: readonly Metric[],
) {
  const dimension = query.breakdown;
  if (!dimension) return {};
  const page = await sumRollupsBy(db, query.grain, window, dimension, query);
  const shown = page.slice(0, query.limit);
  const viewers = asked.includes('unique_viewers')
    ? await countViewersBy(
        db,
        window,
        dimension,
        shown.map((r) => r.value),
      )
    : undefined;
  return {
    breakdown: dimension,
    rows: shown.map((r) => ({
      value: r.value === '' ? null : r.value,
      metrics: metricsOf(asked, r.sums, { uniqueViewers: viewers && (viewers.get(r.value) ?? 0) }),
    })),
    next_cursor: page.length > query.limit ? encodeRowCursor(query.offset + query.limit) : null,
  };
}
