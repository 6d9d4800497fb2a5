import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRecords } from '../../src/app/retention/prune-records.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
});
afterAll(() => harness?.stop());

const query = (text: string, values: unknown[]) =>
  harness.reel.ctx.database.pool.query(text, values);
const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Which of the given ids are still in `table`. */
async function left(table: string, column: string, ids: string[]) {
  const { rows } = await query(
    `select ${column}::text as id from ${table} where ${column} = any($1)`,
    [ids],
  );
  return new Set(rows.map((row: { id: string }) => row.id));
}

describe('pruning the plumbing tables', () => {
  it('drops only what outlived its use: old idempotency keys, relayed events, finished jobs, dedupe records', async () => {
    const tenant = randomUUID();
    const keys = { old: `old-${randomUUID()}`, fresh: `fresh-${randomUUID()}` };
    for (const [key, at] of [
      [keys.old, ago(2)],
      [keys.fresh, ago(0.5)],
    ] as const) {
      await query(
        `insert into idempotency_keys (tenant_id, key, request_hash, response_status, response_body, created_at)
         values ($1, $2, 'h', 201, '{}', $3)`,
        [tenant, key, at],
      );
    }
    const events = {
      relayedOld: randomUUID(),
      relayedNew: randomUUID(),
      unrelayedOld: randomUUID(),
    };
    for (const [id, createdAt, relayedAt] of [
      [events.relayedOld, ago(9), ago(8)],
      [events.relayedNew, ago(1), ago(1)],
      [events.unrelayedOld, ago(9), null],
    ] as const) {
      await query(
        `insert into outbox (event_id, topic, key, tenant_id, payload, created_at, relayed_at)
         values ($1, 'video.created', $2, $3, '{}', $4, $5)`,
        [id, randomUUID(), tenant, createdAt, relayedAt],
      );
    }
    const jobs = {
      doneOld: randomUUID(),
      doneNew: randomUUID(),
      deadOld: randomUUID(),
      waitingOld: randomUUID(),
    };
    for (const [id, doneAt, deadAt] of [
      [jobs.doneOld, ago(8), null],
      [jobs.doneNew, ago(1), null],
      [jobs.deadOld, null, ago(8)],
      [jobs.waitingOld, null, null],
    ] as const) {
      await query(
        `insert into queue_jobs (group_name, event_id, topic, key, tenant_id, payload, emitted_at, available_at, done_at, dead_at)
         values ('retention-test', $1, 'video.created', 'k', $2, '{}', $3, $3, $4, $5)`,
        [id, tenant, ago(9), doneAt, deadAt],
      );
    }
    const processed = { old: randomUUID(), fresh: randomUUID() };
    for (const [id, at] of [
      [processed.old, ago(8)],
      [processed.fresh, ago(1)],
    ] as const) {
      await query(
        `insert into processed_events (group_name, event_id, processed_at) values ('retention-test', $1, $2)`,
        [id, at],
      );
    }

    expect(await pruneRecords(harness.reel.ctx)).toBeGreaterThanOrEqual(1);

    expect(await left('idempotency_keys', 'key', Object.values(keys))).toEqual(
      new Set([keys.fresh]),
    );
    expect(await left('outbox', 'event_id', Object.values(events))).toEqual(
      new Set([events.relayedNew, events.unrelayedOld]),
    );
    expect(await left('queue_jobs', 'event_id', Object.values(jobs))).toEqual(
      new Set([jobs.doneNew, jobs.deadOld, jobs.waitingOld]),
    );
    expect(await left('processed_events', 'event_id', Object.values(processed))).toEqual(
      new Set([processed.fresh]),
    );
  });
});
