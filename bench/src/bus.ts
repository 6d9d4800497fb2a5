import { randomUUID } from 'node:crypto';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { median } from './stats.js';

const POLL_MS = 20;

/** Which bus Reel runs on: it decides where a consumed event is written down. */
export type BusKind = 'postgres-queue' | 'kafka';

/** Counts the batch's events the views group finished: a done job, or a handled id on Kafka. */
const CONSUMED_SQL: Record<BusKind, string> = {
  'postgres-queue': `select count(*) as n from queue_jobs
    where payload->>'bench_batch' = $1 and group_name = 'views' and done_at is not null`,
  kafka: `select count(*) as n from processed_events p join outbox o on o.event_id = p.event_id
    where o.payload->>'bench_batch' = $1 and p.group_name = 'views'`,
};

async function count(reel: RunningReel, sql: string, batch: string): Promise<number> {
  const result = await reel.db.query<{ n: number }>(sql, [batch]);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Commits `events` outbox rows at once (`insert`, given the batch tag as $1), then times them
 * until the relay moved them all (relayed) and until the consumer group finished them all
 * (consumed): events/s of each, the median over rounds.
 */
async function timeThroughBus(
  reel: RunningReel,
  bus: BusKind,
  events: number,
  rounds: number,
  name: string,
  insert: (batch: string, round: number) => Promise<void>,
) {
  const relayed: number[] = [];
  const consumed: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    progress(`${name} round ${round}/${rounds}: ${events} events`);
    const batch = randomUUID();
    const start = performance.now();
    await insert(batch, round);
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
        const n = await count(reel, CONSUMED_SQL[bus], batch);
        if (n >= events) break;
      }
      if (Date.now() > deadline) throw new Error(`the bus did not finish ${events} events in time`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const done = performance.now();
    relayed.push(events / (((relayedAt ?? done) - start) / 1000));
    consumed.push(events / ((done - start) / 1000));
  }
  return { relayed: Math.round(median(relayed)), consumed: Math.round(median(consumed)) };
}

/**
 * Events/s through the bus with a consumer that has nothing to do, so the figure is the bus, not
 * the work: `events.views` that count no view and carry no report, which the views role claims,
 * hands over and settles by the batch. What is left is the relay, the claims and the settles.
 */
export async function benchBus(reel: RunningReel, bus: BusKind, events: number, rounds: number) {
  const timed = await timeThroughBus(reel, bus, events, rounds, 'bus', async (batch) => {
    await reel.db.query(
      `insert into outbox (topic, key, tenant_id, payload)
       select 'events.views', gen_random_uuid()::text, $2::uuid,
              jsonb_build_object('bench_batch', $1::text, 'counted', false)
         from generate_series(1, $3)`,
      [batch, randomUUID(), events],
    );
  });
  return {
    bus_events: events,
    bus_relayed_events_per_s: timed.relayed,
    bus_consumed_events_per_s: timed.consumed,
  };
}

/**
 * Playback heartbeats/s that the views role applies: reports from 100 viewers of a ready video,
 * each viewer's session with rising `seq`, as players send them, through the relay and the
 * views role into watch history and `view_count`.
 */
export async function benchHeartbeats(
  reel: RunningReel,
  bus: BusKind,
  videoId: string,
  events: number,
  rounds: number,
) {
  const timed = await timeThroughBus(
    reel,
    bus,
    events,
    rounds,
    'heartbeats',
    async (batch, round) => {
      await reel.db.query(
        `insert into outbox (topic, key, tenant_id, payload)
       select 'events.views', v.id::text, v.tenant_id,
              jsonb_build_object(
                'bench_batch', $1::text,
                'counted', i <= 100,
                'viewer_id', 'bench-viewer-' || (i % 100),
                'report', jsonb_build_object(
                  'event', 'heartbeat', 'position_sec', (i / 100) * 10,
                  'session_id', 'bench-' || $4::int || '-' || (i % 100), 'seq', i / 100))
         from videos v, generate_series(1, $3) as i
        where v.id = $2::uuid`,
        [batch, videoId, events, round],
      );
    },
  );
  return { heartbeats: events, heartbeats_applied_per_s: timed.consumed };
}
