import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import {
  expectedMetrics,
  type Report,
  reportsOf,
  shuffled,
  writeScript,
} from '../support/analytics-simulator.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { postViewReport } from '../support/view-reports.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';

let harness: Harness;
let owner: { sdk: Reel; tenantId: string };
const workers: WorkerProcess[] = [];
const video = { id: randomUUID(), durationSec: 100 };

beforeAll(async () => {
  // No analytics role here: it runs in `reel worker` processes the test kills.
  harness = await startHarness({
    roles: ['relay'],
    env: { REEL_TRUSTED_PROXIES: '127.0.0.1,::1' },
  });
  owner = await harness.tenant();
  await harness.reel.ctx.database.db.insert(videos).values({
    id: video.id,
    tenantId: owner.tenantId,
    status: 'ready',
    title: 'Watched',
    durationSec: video.durationSec,
    originalKey: `raw-uploads/${video.id}/original`,
    publishedAt: new Date(),
  });
});
afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await harness?.stop();
  expect(violations).toEqual([]);
});

const post = ({ session, body }: Report) =>
  postViewReport(
    `${harness.url}/v1/videos/${session.videoId}/views`,
    { 'user-agent': session.client.userAgent, 'x-forwarded-for': session.client.ip },
    body,
  );

async function send(reports: readonly Report[]) {
  for (let i = 0; i < reports.length; i += 32) {
    await Promise.all(reports.slice(i, i + 32).map(post));
  }
}

const pending = async () => {
  const { rows } = await harness.reel.ctx.database.db.execute<{ n: number }>(sql`
    select (select count(*) from outbox where tenant_id = ${owner.tenantId} and relayed_at is null)
         + (select count(*) from queue_jobs where group_name = 'analytics'
              and tenant_id = ${owner.tenantId} and done_at is null and dead_at is null) as n`);
  return Number(rows[0]?.n);
};

const sessionsStored = async () => {
  const { rows } = await harness.reel.ctx.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from analytics_sessions where tenant_id = ${owner.tenantId}`,
  );
  return rows[0]?.n ?? 0;
};

describe('the analytics role killed mid-batch', () => {
  it('loses and doubles nothing once another worker takes over', async () => {
    const script = writeScript({
      seed: 23,
      viewers: 250,
      videos: [video],
      startsAround: Date.now() - 40 * 60_000,
      sessionPrefix: 'crash',
    });
    const reports = script.flatMap(reportsOf);
    await send(shuffled([...reports, ...reports.slice(0, 200)], 5));
    await until('every report relayed', async () => {
      const { rows } = await harness.reel.ctx.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from outbox where tenant_id = ${owner.tenantId} and relayed_at is null`,
      );
      return rows[0]?.n === 0;
    });

    const first = await spawnWorker(['analytics']);
    workers.push(first);
    await until('the first batches to be stored', async () => (await sessionsStored()) > 0, 30_000);
    await first.kill();
    const left = await pending();
    console.log(`analytics worker killed with ${left} of ${reports.length + 200} reports pending`);

    workers.push(await spawnWorker(['analytics']));
    // The killed worker's leased batches come back when their lease ends (30 s).
    await until(
      'the second worker to take in the rest',
      async () => (await pending()) === 0,
      120_000,
    );

    const answer = await owner.sdk.analytics.video(video.id, {
      from: new Date(Date.now() - 24 * 3600_000),
      to: new Date(Date.now() + 3600_000),
    });
    const expected = expectedMetrics(script);
    expect(answer.metrics.views).toBe(expected.views);
    expect(answer.metrics.engaged_views).toBe(expected.engaged_views);
    expect(answer.metrics.unique_viewers).toBe(expected.unique_viewers);
    expect(answer.metrics.watch_time_sec).toBeCloseTo(expected.watch_time_sec, 6);
    expect(answer.metrics.completion_rate).toBeCloseTo(expected.completion_rate, 9);
  }, 240_000);
});
