import { randomUUID } from 'node:crypto';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';

const DAY_MS = 24 * 3600_000;
const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'BR', 'JP', 'IN', 'CA', 'ES', 'IT'];

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function timedRuns(runs: number, query: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await query();
    ms.push(performance.now() - start);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/**
 * Seeds `videos` videos with 90 days of daily rollups (one country a day, of ten) and
 * `sessions` sessions on the first video, straight in SQL: the daily series and breakdowns read
 * only these.
 */
async function seed(reel: RunningReel, tenantId: string, videos: number, sessions: number) {
  const from = Math.floor((Date.now() - 89 * DAY_MS) / DAY_MS) * DAY_MS;
  await reel.db.query(
    `insert into videos (id, tenant_id, status, title, duration_sec, original_key, published_at)
     select gen_random_uuid(), $1, 'ready', 'Seeded ' || i, 300, 'raw/' || i, now()
     from generate_series(1, $2) i`,
    [tenantId, videos],
  );
  const { rows } = await reel.db.query<{ id: string }>(
    'select id from videos where tenant_id = $1 order by id limit 1',
    [tenantId],
  );
  const first = rows[0]?.id ?? '';
  progress(`analytics: seeding daily rollups of ${videos} videos for 90 days`);
  await reel.db.query(
    `insert into analytics_daily (tenant_id, video_id, bucket, country, device, browser, os, referrer,
       views, engaged_views, completed_views, watch_time_sec, retention)
     select $1, v.id, to_timestamp($2 / 1000.0) + make_interval(days => d),
       (array[${COUNTRIES.map((c) => `'${c}'`).join(',')}])[1 + ((d + hashtext(v.id::text)) & 7)],
       'desktop', 'Chrome', 'Windows', '', 72, 48, 24, 9600,
       array(select 72 - g * 48 / 100 from generate_series(0, 99) g)
     from videos v, generate_series(0, 89) d where v.tenant_id = $1`,
    [tenantId, from],
  );
  await reel.db.query(
    `insert into analytics_tenant_daily (tenant_id, bucket, country, device, browser, os, referrer,
       views, engaged_views, completed_views, watch_time_sec, retention)
     select tenant_id, bucket, country, device, browser, os, referrer, sum(views), sum(engaged_views),
       sum(completed_views), sum(watch_time_sec), array_fill(0, array[100])
     from analytics_daily where tenant_id = $1 group by 1, 2, 3, 4, 5, 6, 7`,
    [tenantId],
  );
  await reel.db.query(
    `insert into analytics_sessions (tenant_id, session_id, video_id, viewer_key, country, started_at,
       ended_at, watch_time_sec, engaged, completed, covered, reports)
     select $1, 'seed-' || i, $2, 'viewer-' || (i % ($3 / 3)), 'US',
       to_timestamp($4 / 1000.0) + make_interval(secs => i * (90 * 86400.0 / $3)),
       to_timestamp($4 / 1000.0) + make_interval(secs => i * (90 * 86400.0 / $3) + 120),
       120, true, false, repeat('1', 40) || repeat('0', 60), '[]'
     from generate_series(1, $3) i`,
    [tenantId, first, sessions, from],
  );
  await reel.db.query(
    'vacuum analyze analytics_daily, analytics_tenant_daily, analytics_sessions, videos',
  );
  return first;
}

/**
 * Analytics figures: query p50/p95 for a 90-day daily series of one video and a country
 * breakdown over every video; heartbeats/s from the API through the analytics role; and the
 * delay from a heartbeat to its effect in the API.
 */
export async function benchAnalytics(
  reel: RunningReel,
  options: { videos: number; sessions: number; heartbeats: number; runs: number },
) {
  const { rows } = await reel.db.query<{ tenant_id: string }>(
    'select tenant_id from api_keys order by created_at limit 1',
  );
  const tenantId = rows[0]?.tenant_id ?? '';
  const videoId = await seed(reel, tenantId, options.videos, options.sessions);
  const to = new Date();
  const from = new Date(to.getTime() - 89 * DAY_MS);
  const series = await timedRuns(options.runs, () =>
    reel.sdk.analytics.video(videoId, { from, to, granularity: 'day' }),
  );
  const breakdown = await timedRuns(options.runs, () =>
    reel.sdk.analytics.overview({
      from,
      to,
      breakdown: 'country',
      metrics: ['views', 'watch_time_sec', 'average_view_sec'],
    }),
  );
  const ingest = await benchIngest(reel, videoId, options.heartbeats);
  return { videos: options.videos, sessions: options.sessions, series, breakdown, ...ingest };
}

/** Sends heartbeats of many sessions, 32 at a time, and waits until the API counts them all. */
async function benchIngest(reel: RunningReel, videoId: string, heartbeats: number) {
  const sessions = Math.ceil(heartbeats / 10);
  const base = Date.now() - 10 * 60_000;
  const countViews = async () =>
    (await reel.sdk.analytics.video(videoId, { metrics: ['views'], from: new Date(base - DAY_MS) }))
      .metrics.views ?? 0;
  const before = await countViews();
  const prefix = randomUUID().slice(0, 8);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < heartbeats; i = next++) {
        const session = i % sessions;
        const seq = Math.floor(i / sessions);
        await fetch(`${reel.apiUrl}/v1/videos/${videoId}/views`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': `bench ${session}` },
          body: JSON.stringify({
            event: seq === 0 ? 'start' : 'heartbeat',
            position_sec: seq * 10,
            session_id: `${prefix}-${session}`,
            seq,
            client_ts: new Date(base + seq * 10_000).toISOString(),
          }),
        });
      }
    }),
  );
  const sentSec = (performance.now() - start) / 1000;
  while ((await countViews()) < before + sessions) await new Promise((r) => setTimeout(r, 100));
  const countedSec = (performance.now() - start) / 1000;

  // One more session's first heartbeat, and how long until the API shows it.
  const sentAt = performance.now();
  await fetch(`${reel.apiUrl}/v1/videos/${videoId}/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'bench delay' },
    body: JSON.stringify({
      event: 'start',
      position_sec: 0,
      session_id: `${prefix}-delay`,
      seq: 0,
    }),
  });
  while ((await countViews()) < before + sessions + 1) await new Promise((r) => setTimeout(r, 20));
  const delayMs = performance.now() - sentAt;
  return {
    heartbeats,
    acceptedPerSec: heartbeats / sentSec,
    countedPerSec: heartbeats / countedSec,
    endToEndDelayMs: delayMs,
  };
}
