import { randomUUID } from 'node:crypto';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { median } from './stats.js';

/** A topic with one cheap consumer (publish), so the figure is the bus, not the work. */
const TOPIC = 'video.transcoded';
const POLL_MS = 20;

async function count(reel: RunningReel, sql: string, batch: string): Promise<number> {
  const result = await reel.db.query<{ n: number }>(sql, [batch]);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Events/s through the embedded bus: N outbox rows committed at once, timed until the relay
 * moved them all (relayed) and until the consumer group finished them all (consumed). The
 * keys are unknown video ids, so the publish handler finds nothing and returns: what is left
 * is the relay, NOTIFY, SKIP LOCKED claims and settles.
 */
export async function benchBus(reel: RunningReel, events: number, rounds: number) {
  const relayed: number[] = [];
  const consumed: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    progress(`bus round ${round}/${rounds}: ${events} events`);
    const batch = randomUUID();
    const start = performance.now();
    await reel.db.query(
      `insert into outbox (topic, key, tenant_id, payload)
       select $1, gen_random_uuid()::text, $2::uuid, jsonb_build_object('bench_batch', $3::text)
         from generate_series(1, $4)`,
      [TOPIC, randomUUID(), batch, events],
    );
    let relayedAt: number | undefined;
    const deadline = Date.now() + 120_000 + events * 100;
    for (;;) {
      if (relayedAt === undefined) {
        const n = await count(
          reel,
          `select count(*) as n from outbox where payload->>'bench_batch' = $1 and relayed_at is not null`,
          batch,
        );
        if (n >= events) relayedAt = performance.now();
      }
      if (relayedAt !== undefined) {
        const n = await count(
          reel,
          `select count(*) as n from queue_jobs where payload->>'bench_batch' = $1 and done_at is not null`,
          batch,
        );
        if (n >= events) break;
      }
      if (Date.now() > deadline) throw new Error(`the bus did not finish ${events} events in time`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const done = performance.now();
    relayed.push(events / (((relayedAt ?? done) - start) / 1000));
    consumed.push(events / ((done - start) / 1000));
  }
  return {
    bus_events: events,
    bus_relayed_events_per_s: Math.round(median(relayed)),
    bus_consumed_events_per_s: Math.round(median(consumed)),
  };
}
