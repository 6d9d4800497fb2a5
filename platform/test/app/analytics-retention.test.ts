import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAnalytics } from '../../src/app/analytics/prune-analytics.js';
import { analyticsDaily, analyticsHourly, analyticsSessions } from '../../src/db/schema.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let tenantId: string;
const DAY_MS = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  ({ tenantId } = await harness.tenant());
});
afterAll(() => harness?.stop());

const rollup = (bucket: Date) => ({
  tenantId,
  videoId: randomUUID(),
  bucket,
  country: 'US',
  device: '',
  browser: '',
  os: '',
  referrer: '',
  views: 1,
});

const session = (startedAt: Date) => ({
  tenantId,
  sessionId: randomUUID(),
  videoId: randomUUID(),
  viewerKey: 'k',
  startedAt,
  endedAt: startedAt,
  covered: '0'.repeat(100),
  reports: [],
});

describe('analytics retention', () => {
  it('deletes sessions and hourly rollups after 90 days, daily rollups after 2 years', async () => {
    const db = harness.reel.ctx.database.db;
    await db.insert(analyticsSessions).values([session(daysAgo(91)), session(daysAgo(89))]);
    await db.insert(analyticsHourly).values([rollup(daysAgo(91)), rollup(daysAgo(89))]);
    await db.insert(analyticsDaily).values([rollup(daysAgo(732)), rollup(daysAgo(91))]);
    while ((await pruneAnalytics(harness.reel.ctx)) > 0);
    const left = async (table: string, column: string) => {
      const { rows } = await db.execute<{ age: number }>(
        sql`select extract(day from now() - ${sql.identifier(column)})::int as age
            from ${sql.identifier(table)} where tenant_id = ${tenantId}`,
      );
      return rows.map((r) => r.age);
    };
    expect(await left('analytics_sessions', 'started_at')).toEqual([89]);
    expect(await left('analytics_hourly', 'bucket')).toEqual([89]);
    expect(await left('analytics_daily', 'bucket')).toEqual([91]);
  });
});
