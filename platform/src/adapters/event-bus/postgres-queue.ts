import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { listen } from '../../db/notifications.js';
import { retryDelaySec } from '../../domain/retry-schedule.js';
import type {
  BusEvent,
  ConsumeOptions,
  Consumer,
  Delivery,
  EventBus,
} from '../../ports/event-bus.js';
import { AckBatcher } from './ack-batcher.js';

type JobRow = {
  event_id: string;
  topic: string;
  key: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  emitted_at: Date;
  trace_context: Record<string, string> | null;
  attempts: number;
};

const POLL_MS = 1000;

const toEvent = (row: JobRow): BusEvent => ({
  eventId: row.event_id,
  topic: row.topic,
  key: row.key,
  tenantId: row.tenant_id,
  payload: row.payload,
  emittedAt: new Date(row.emitted_at),
  traceContext: row.trace_context,
});

const asError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

/**
 * The embedded bus: a job row per event per consumer group in Postgres, claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease. A worker that dies lets its lease lapse and the job
 * is claimed again; NOTIFY wakes consumers so delivery takes milliseconds, not a poll.
 */
export class PostgresQueueBus implements EventBus {
  readonly name = 'postgres-queue';
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly listener;

  constructor(
    private readonly db: Db,
    databaseUrl: string,
    /** Which consumer groups receive each topic. */
    private readonly groupsByTopic: Readonly<Record<string, readonly string[]>>,
  ) {
    this.listener = listen(databaseUrl, 'reel_jobs', (group) => {
      const groups = group === undefined ? [...this.wakers.keys()] : [group];
      for (const g of groups) for (const wake of this.wakers.get(g) ?? []) wake();
    });
  }

  /** One statement with one JSON parameter however many jobs: cheap to build and to send. */
  async publish(events: readonly BusEvent[]): Promise<void> {
    const rows = events.flatMap((e) =>
      (this.groupsByTopic[e.topic] ?? []).map((group) => ({
        group,
        id: e.eventId,
        topic: e.topic,
        key: e.key,
        tenant: e.tenantId,
        payload: e.payload,
        at: e.emittedAt.toISOString(),
        trace: e.traceContext ?? null,
      })),
    );
    if (rows.length === 0) return;
    await this.db.execute(sql`insert into queue_jobs
        (group_name, event_id, topic, key, tenant_id, payload, emitted_at, trace_context)
      select r."group", r.id, r.topic, r.key, r.tenant, r.payload, r.at, r.trace
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("group" text, id uuid,
          topic text, key text, tenant uuid, payload jsonb, at timestamptz, trace jsonb)
      on conflict do nothing`);
  }

  private async claim(
    group: string,
    topics: readonly string[],
    limit: number,
    leaseSec: number,
    fair: { byTenant?: boolean; concurrencyQuota?: string } = {},
  ) {
    const ready = sql`group_name = ${group}
            and topic in ${topics}
            and done_at is null and dead_at is null
            and available_at <= now()
            and (locked_until is null or locked_until < now())`;
    // Fair: each tenant's jobs take turns, and between equal turns the tenant served longest
    // ago (or never, in the last hour) goes first, so one tenant's backlog delays another
    // tenant's job by one job at most.
    // A tenant's turn past its concurrency quota is not taken: it waits for a job to end.
    const withinQuota = fair.concurrencyQuota
      ? sql`and ranked.turn <= coalesce(
          (select (t.quotas ->> ${fair.concurrencyQuota})::bigint from tenants t
            where t.id = ranked.tenant_id), ranked.turn)`
      : sql``;
    const chosen = fair.byTenant
      ? sql`select group_name, event_id from queue_jobs
          where (group_name, event_id) in (
            select group_name, event_id from (
              select q.group_name, q.event_id, q.tenant_id, q.available_at, q.emitted_at,
                     served.last_at,
                     coalesce(served.running, 0)
                       + row_number() over (partition by q.tenant_id order by q.available_at, q.emitted_at)
                       as turn
                from queue_jobs q
                left join (select tenant_id,
                                  count(*) filter (where done_at is null) as running,
                                  max(coalesce(done_at, now())) as last_at
                             from queue_jobs
                            where group_name = ${group} and dead_at is null
                              and (locked_until >= now() or done_at > now() - interval '1 hour')
                            group by tenant_id) served using (tenant_id)
               where ${ready}) ranked
             where true ${withinQuota}
             order by turn, last_at nulls first, available_at, emitted_at
             limit ${limit})
          for update skip locked`
      : sql`select group_name, event_id from queue_jobs
          where ${ready}
          order by available_at, emitted_at
          limit ${limit}
          for update skip locked`;
    const result = await this.db.execute<JobRow>(sql`
      update queue_jobs j
         set attempts = j.attempts + 1,
             locked_until = now() + make_interval(secs => ${leaseSec})
       where (j.group_name, j.event_id) in (${chosen})
      returning j.event_id, j.topic, j.key, j.tenant_id, j.payload, j.emitted_at, j.trace_context,
                j.attempts`);
    return result.rows;
  }

  /** Acknowledges handled jobs, many in one statement. */
  private async settleDone(group: string, eventIds: readonly string[]) {
    await this.db.execute(sql`update queue_jobs set done_at = now(), locked_until = null
      where group_name = ${group} and event_id = any(${sql.param(eventIds)}::uuid[])`);
  }

  private async settleFailed(
    group: string,
    eventId: string,
    outcome: 'dead' | number,
    error: string,
  ) {
    if (outcome === 'dead') {
      await this.db.execute(sql`update queue_jobs set dead_at = now(), locked_until = null,
        last_error = ${error} where group_name = ${group} and event_id = ${eventId}`);
    } else {
      await this.db.execute(sql`update queue_jobs set locked_until = null, last_error = ${error},
        available_at = now() + make_interval(secs => ${outcome})
        where group_name = ${group} and event_id = ${eventId}`);
    }
  }

  consume(
    group: string,
    topics: readonly string[],
    handle: (delivery: Delivery) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer {
    const acks = new AckBatcher((ids) => this.settleDone(group, ids));
    const stopping = new AbortController();
    return this.startConsumer(group, topics, options, {
      onStop: () => options.handBackOnStop && stopping.abort(new Error('the worker is stopping')),
      inHandLimit: Math.max(options.batchSize ?? 0, options.concurrency),
      // Each claimed job is its own unit of work.
      units: (rows) => rows.map((row) => [row]),
      run: async ([row]) => {
        if (!row) return;
        const event = toEvent(row);
        const extendLease = async () => {
          await this.db.execute(sql`update queue_jobs
            set locked_until = now() + make_interval(secs => ${options.leaseSec})
            where group_name = ${group} and event_id = ${row.event_id} and done_at is null`);
        };
        const heartbeat = setInterval(
          () => void extendLease().catch(() => {}),
          (options.leaseSec * 1000) / 3,
        );
        let failure: Error | undefined;
        try {
          await handle({ event, attempt: row.attempts, extendLease, signal: stopping.signal });
        } catch (error) {
          failure = asError(error);
        } finally {
          clearInterval(heartbeat);
        }
        // A lost acknowledgement lets the lease lapse: the job comes again, and handlers dedupe.
        // A job given up because the worker stops goes back at once, its attempt not counted.
        if (failure && stopping.signal.aborted) await this.release(group, [row.event_id]);
        else if (failure) await this.settleFailure(group, row, event, failure, options);
        else await acks.add(row.event_id);
      },
    });
  }

  consumeBatches(
    group: string,
    topics: readonly string[],
    handle: (events: readonly BusEvent[]) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer {
    return this.startConsumer(group, topics, options, {
      inHandLimit: (options.batchSize ?? 1) * options.concurrency,
      // A claim is one batch.
      units: (rows) => (rows.length > 0 ? [rows] : []),
      run: async (rows) => {
        try {
          await handle(rows.map(toEvent));
          await this.settleDone(
            group,
            rows.map((r) => r.event_id),
          );
          return;
        } catch {
          // One bad event must not fail the others: each goes again alone, and only what
          // fails alone is retried later or dead-lettered.
        }
        for (const row of rows) {
          const event = toEvent(row);
          try {
            await handle([event]);
            await this.settleDone(group, [row.event_id]);
          } catch (error) {
            await this.settleFailure(group, row, event, asError(error), options);
          }
        }
      },
    });
  }

  private async settleFailure(
    group: string,
    row: JobRow,
    event: BusEvent,
    error: Error,
    options: ConsumeOptions,
  ) {
    if (row.attempts >= options.maxAttempts) {
      await this.settleFailed(group, row.event_id, 'dead', error.message);
      await options.onDead?.(event, error);
    } else {
      await this.settleFailed(group, row.event_id, retryDelaySec(row.attempts), error.message);
    }
  }

  /**
   * The claim loop both kinds of consumer share: it claims up to `batchSize` jobs, cuts them
   * into units of work and keeps `concurrency` units running, claiming again only once what is
   * in hand would not keep every slot busy.
   */
  private startConsumer(
    group: string,
    topics: readonly string[],
    options: ConsumeOptions,
    work: {
      /** Called first on `stop`, before the running units are awaited. */
      onStop?: () => void;
      /** Jobs claimed and unfinished at most: a claim is never bigger than `batchSize`. */
      inHandLimit: number;
      units(rows: JobRow[]): JobRow[][];
      run(unit: JobRow[]): Promise<void>;
    },
  ): Consumer {
    const batchSize = Math.max(options.batchSize ?? 0, options.concurrency);
    let stopped = false;
    let running = 0;
    let inHand = 0;
    const queued: JobRow[][] = [];
    // A wake-up that comes while the loop is busy is remembered, not lost until the next poll.
    let woken = false;
    let wake: () => void = () => {
      woken = true;
    };
    const tasks = new Set<Promise<void>>();
    const wakeSet = this.wakers.get(group) ?? new Set();
    this.wakers.set(group, wakeSet);
    const onWake = () => wake();
    wakeSet.add(onWake);

    const startQueued = () => {
      while (running < options.concurrency && queued.length > 0) {
        const unit = queued.shift() as JobRow[];
        running++;
        const task = work
          .run(unit)
          .catch(() => {})
          .finally(() => {
            running--;
            inHand -= unit.length;
            tasks.delete(task);
            wake();
          });
        tasks.add(task);
      }
    };

    const loop = async () => {
      while (!stopped) {
        const want =
          queued.length < options.concurrency ? Math.min(batchSize, work.inHandLimit - inHand) : 0;
        const rows =
          want > 0
            ? await this.claim(group, topics, want, options.leaseSec, {
                byTenant: options.fairByTenant,
                concurrencyQuota: options.tenantConcurrencyQuota,
              }).catch(() => [])
            : [];
        inHand += rows.length;
        queued.push(...work.units(rows));
        startQueued();
        if ((rows.length === 0 || queued.length >= options.concurrency) && !woken) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        woken = false;
        wake = () => {
          woken = true;
        };
      }
    };
    const looping = loop();

    return {
      stop: async () => {
        stopped = true;
        wakeSet.delete(onWake);
        wake();
        await looping;
        // What was claimed but not started goes back at once rather than after its lease.
        const unstarted = queued.splice(0).flat();
        await this.release(
          group,
          unstarted.map((r) => r.event_id),
        ).catch(() => {});
        work.onStop?.();
        await Promise.all(tasks);
      },
    };
  }

  private async release(group: string, eventIds: readonly string[]) {
    if (eventIds.length === 0) return;
    await this.db.execute(sql`update queue_jobs set locked_until = null, attempts = attempts - 1
      where group_name = ${group} and event_id = any(${sql.param(eventIds)}::uuid[])
        and done_at is null`);
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1 from queue_jobs limit 0`);
  }

  async close(): Promise<void> {
    await this.listener.stop();
  }
}
