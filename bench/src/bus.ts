import { randomUUID } from 'node:crypto';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { median } from './stats.js';

const POLL_MS = 20;

/** Which bus Reel runs on: it decides where a consumed event is written down. */
export type BusKind = 'postgres-queue' | 'kafka';

/**
 * How many of the batch's events are left to finish: jobs not done (through the partial index of
 * pending jobs, so the count shrinks as the bus works), or on Kafka the batch's outbox rows (ids
 * after $2, the last id before the batch) the views group has no handled record of. The bench
 * polls these every few milliseconds: they must cost the bus it measures next to nothing.
 */
const unfinishedSql = (bus: BusKind, group: 'views' | 'analytics') =>
  bus === 'postgres-queue'
    ? `select count(*) as n from queue_jobs
    where group_name = '${group}' and done_at is null and dead_at is null
      and payload->>'bench_batch' = $1`
    : `select count(*) as n from outbox o
    where o.id > $2 and o.payload->>'bench_batch' = $1 and not exists (
      select 1 from processed_events p where p.group_name = '${group}' and p.event_id = o.event_id)`;

/** The batch's outbox rows (ids after $2) the relay moved. */
const RELAYED_SQL = `select count(*) as n from outbox
  where id > $2 and payload->>'bench_batch' = $1 and relayed_at is not null`;

async function count(reel: RunningReel, sql: string, batch: string, after: number) {
  // Each statement takes the parameters it names: Postgres refuses one it cannot type.
  const params = sql.includes('$2') ? [batch, after] : [batch];
  const result = await reel.db.query<{ n: number }>(sql, params);
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
  group: 'views' | 'analytics',
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
    const last = await reel.db.query<{ id: string }>(
      'select coalesce(max(id), 0) as id from outbox',
    );
    const after = Number(last.rows[0]?.id ?? 0);
    const start = performance.now();
    await insert(batch, round);
    let relayedAt: number | undefined;
    const deadline = Date.now() + 120_000 + events * 100;
    for (;;) {
      if (relayedAt === undefined) {
        if ((await count(reel, RELAYED_SQL, batch, after)) >= events) {
          relayedAt = performance.now();
        }
      }
      if (relayedAt !== undefined) {
        // Every job exists once the rows are relayed: the relay adds them in its transaction.
        if ((await count(reel, unfinishedSql(bus, group), batch, after)) === 0) break;
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
  const timed = await timeThroughBus(reel, bus, 'views', events, rounds, 'bus', async (batch) => {
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

/** A bench's `events.views` rows: how many of one video, how many rounds. */
export interface VideoEvents {
  videoId: string;
  events: number;
  rounds: number;
}

/**
 * Times `events` `events.views` rows of a ready video through the bus to `group`; `payload` is
 * the SQL of each row's payload, with `i` the row (from 1), $1 the batch tag, $3 `events` and $4
 * the round.
 */
function timeVideoEvents(
  reel: RunningReel,
  bus: BusKind,
  group: 'views' | 'analytics',
  target: VideoEvents,
  payload: string,
) {
  return timeThroughBus(reel, bus, group, target.events, target.rounds, group, (batch, round) =>
    reel.db
      .query(
        `insert into outbox (topic, key, tenant_id, payload)
         select 'events.views', v.id::text, v.tenant_id, ${payload}
         from videos v, generate_series(1, $3) as i
         where v.id = $2::uuid`,
        [batch, target.videoId, target.events, round],
      )
      .then(() => undefined),
  );
}

/**
 * Playback heartbeats/s that the views role applies: reports from 100 viewers of a ready video,
 * each viewer's session with rising `seq`, as players send them, through the relay and the
 * views role into watch history and `view_count`.
 */
export async function benchHeartbeats(reel: RunningReel, bus: BusKind, target: VideoEvents) {
  const timed = await timeVideoEvents(
    reel,
    bus,
    'views',
    target,
    `jsonb_build_object(
       'bench_batch', $1::text,
       'counted', i <= 100,
       'viewer_id', 'bench-viewer-' || (i % 100),
       'report', jsonb_build_object(
         'event', 'heartbeat', 'position_sec', (i / 100) * 10,
         'session_id', 'bench-' || $4::int || '-' || (i % 100), 'seq', i / 100))`,
  );
  return { heartbeats: target.events, heartbeats_applied_per_s: timed.consumed };
}

/**
 * Heartbeats/s the analytics role takes into sessions and rollups: anonymous sessions of a ready
 * video, ten reports each with rising `seq`, as `POST /v1/videos/{id}/views` queues them.
 */
export async function benchAnalyticsIngest(reel: RunningReel, bus: BusKind, target: VideoEvents) {
  const timed = await timeVideoEvents(
    reel,
    bus,
    'analytics',
    target,
    `jsonb_build_object(
       'bench_batch', $1::text,
       'counted', false,
       'report', jsonb_build_object(
         'event', case when i <= $3 / 10 then 'start' else 'heartbeat' end,
         'position_sec', ((i - 1) / ($3 / 10)) * 10,
         'session_id', 'bench-a-' || $4::int || '-' || (i % ($3 / 10)),
         'seq', (i - 1) / ($3 / 10)),
       'analytics', jsonb_build_object(
         'viewer_key', 'bench-viewer-' || (i % ($3 / 10)), 'country', 'US',
         'device', 'desktop', 'browser', 'Chrome', 'os', 'Windows', 'referrer', ''))`,
  );
  return { analytics_heartbeats_per_s: timed.consumed };
}
