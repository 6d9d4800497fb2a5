import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresQueueBus } from '../../src/adapters/event-bus/postgres-queue.js';
import { type Database, openDatabase } from '../../src/db/connection.js';
import type { BusEvent, Consumer } from '../../src/ports/event-bus.js';
import { until } from '../support/polling.js';

let database: Database;
let bus: PostgresQueueBus;
const FAIR = `fair.test.${randomUUID()}`;
const FIFO = `fifo.test.${randomUUID()}`;

beforeAll(async () => {
  database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  bus = new PostgresQueueBus(database.db, database.url, { [FAIR]: ['fair'], [FIFO]: ['fifo'] });
});
afterAll(async () => {
  await bus?.close();
  await database?.close();
});

const job = (topic: string, tenantId: string, n: number): BusEvent => ({
  eventId: randomUUID(),
  topic,
  key: `video-${n}`,
  tenantId,
  payload: { n },
  // Emitted a millisecond apart, so the backlog is strictly older than the newcomer.
  emittedAt: new Date(Date.now() - 10_000 + n),
});

/**
 * 50 queued jobs of a busy tenant, the first one running when a quiet tenant's one job
 * arrives: returns how many jobs were handled before the quiet tenant's.
 */
async function jobsAheadOfTheNewcomer(group: 'fair' | 'fifo') {
  const topic = group === 'fair' ? FAIR : FIFO;
  const busy = randomUUID();
  const quiet = randomUUID();
  const handled: string[] = [];
  let releaseFirst: () => void = () => {};
  const firstHeld = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  await bus.publish(Array.from({ length: 50 }, (_, n) => job(topic, busy, n)));
  const consumer: Consumer = bus.consume(
    group,
    [topic],
    async ({ event }) => {
      if (handled.length === 0) await firstHeld;
      handled.push(event.tenantId);
    },
    { concurrency: 1, leaseSec: 60, maxAttempts: 3, fairByTenant: group === 'fair' },
  );
  try {
    // The first busy job is claimed and running; only then does the quiet tenant upload.
    await until('the first job to be claimed', async () => {
      const rows = await database.db.execute<{ n: number }>(
        `select count(*)::int as n from queue_jobs where group_name = '${group}' and topic = '${topic}' and locked_until > now() and done_at is null`,
      );
      return (rows.rows[0]?.n ?? 0) >= 1;
    });
    await bus.publish([{ ...job(topic, quiet, 99), emittedAt: new Date() }]);
    releaseFirst();
    await until('the quiet tenant to be served', () => handled.includes(quiet), 120_000);
    return handled.indexOf(quiet);
  } finally {
    await consumer.stop();
  }
}

describe('fair claiming for the transcode role (Postgres queue)', () => {
  it('serves a quiet tenant after at most one of a busy tenant’s 50 queued jobs', async () => {
    expect(await jobsAheadOfTheNewcomer('fair')).toBeLessThanOrEqual(1);
  });

  it('without fairness the same newcomer waits behind the whole backlog', async () => {
    expect(await jobsAheadOfTheNewcomer('fifo')).toBe(50);
  });
});
