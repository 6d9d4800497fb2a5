import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresQueueBus } from '../../src/adapters/event-bus/postgres-queue.js';
import { type Database, openDatabase } from '../../src/db/connection.js';
import { setTenantLimits, tenantUsage } from '../../src/db/quotas.js';
import { createTenant } from '../../src/db/tenants.js';
import type { BusEvent, Consumer } from '../../src/ports/event-bus.js';
import { until } from '../support/polling.js';

let database: Database;
let bus: PostgresQueueBus;
// The transcode group, as the role claims it, on a topic of this file's own.
const TOPIC = `transcode.quota.test.${randomUUID()}`;

beforeAll(async () => {
  database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  bus = new PostgresQueueBus(database.db, database.url, { [TOPIC]: ['transcode'] });
});
afterAll(async () => {
  await bus?.close();
  await database?.close();
});

const job = (tenantId: string, n: number): BusEvent => ({
  eventId: randomUUID(),
  topic: TOPIC,
  key: `video-${n}`,
  tenantId,
  payload: { n },
  emittedAt: new Date(Date.now() - 10_000 + n),
});

describe('the concurrent_transcodes quota (Postgres queue)', () => {
  it('gives a tenant at its limit no claim until one of its jobs ends; others go on', async () => {
    const capped = (await createTenant(database.db, `capped-${randomUUID()}`)).tenantId;
    const other = (await createTenant(database.db, `other-${randomUUID()}`)).tenantId;
    await setTenantLimits(database.db, capped, { concurrent_transcodes: 1 });
    // The capped tenant's three jobs are queued first: FIFO alone would run all three.
    await bus.publish([
      job(capped, 1),
      job(capped, 2),
      job(capped, 3),
      job(other, 4),
      job(other, 5),
    ]);

    const running = new Map<string, () => void>();
    const tenantOf = new Map<string, string>();
    let mostCappedAtOnce = 0;
    const runningOf = (tenant: string) =>
      [...running.keys()].filter((id) => tenantOf.get(id) === tenant).length;
    const consumer: Consumer = bus.consume(
      'transcode',
      [TOPIC],
      ({ event }) =>
        new Promise<void>((resolve) => {
          tenantOf.set(event.eventId, event.tenantId);
          running.set(event.eventId, resolve);
          mostCappedAtOnce = Math.max(mostCappedAtOnce, runningOf(capped));
        }),
      {
        concurrency: 3,
        leaseSec: 60,
        maxAttempts: 3,
        fairByTenant: true,
        tenantConcurrencyQuota: 'concurrent_transcodes',
      },
    );
    const finish = (tenant: string) => {
      const [id] = [...running.keys()].filter((e) => tenantOf.get(e) === tenant);
      running.get(id ?? '')?.();
      running.delete(id ?? '');
    };
    try {
      // Three slots: one for the capped tenant, two for the other, though capped came first.
      await until('three jobs running', () => running.size === 3);
      expect(runningOf(capped)).toBe(1);
      expect(runningOf(other)).toBe(2);
      expect((await tenantUsage(database.db, capped)).concurrent_transcodes).toBe(1);

      // The other tenant's job ending frees a slot the capped tenant may not take.
      finish(other);
      await until('the other tenant’s job settled', async () => {
        const rows = await database.db.execute<{ n: number }>(
          `select count(*)::int as n from queue_jobs where topic = '${TOPIC}' and done_at is not null`,
        );
        return rows.rows[0]?.n === 1;
      });
      expect(runningOf(capped)).toBe(1);
      // Its own job ending lets the next one start.
      for (let done = 0; done < 3; done++) {
        finish(capped);
        await until(`capped job ${done + 2}`, () => done === 2 || runningOf(capped) === 1);
      }
      finish(other);
      await until('every job done', async () => {
        const rows = await database.db.execute<{ n: number }>(
          `select count(*)::int as n from queue_jobs where topic = '${TOPIC}' and done_at is not null`,
        );
        return rows.rows[0]?.n === 5;
      });
      expect(mostCappedAtOnce).toBe(1);
    } finally {
      for (const resolve of running.values()) resolve();
      await consumer.stop();
    }
  });
});
