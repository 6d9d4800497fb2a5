import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { listen } from '../../db/notifications.js';
import { queueJobs } from '../../db/schema.js';
import { retryDelaySec } from '../../domain/retry-schedule.js';
import type {
  BusEvent,
  ConsumeOptions,
  Consumer,
  Delivery,
  EventBus,
} from '../../ports/event-bus.js';

type JobRow = {
  event_id: string;
  topic: string;
  key: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  emitted_at: Date;
  attempts: number;
};

const POLL_MS = 1000;

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

  async publish(events: readonly BusEvent[]): Promise<void> {
    const rows = events.flatMap((e) =>
      (this.groupsByTopic[e.topic] ?? []).map((groupName) => ({
        groupName,
        eventId: e.eventId,
        topic: e.topic,
        key: e.key,
        tenantId: e.tenantId,
        payload: e.payload,
        emittedAt: e.emittedAt,
      })),
    );
    if (rows.length > 0) await this.db.insert(queueJobs).values(rows).onConflictDoNothing();
  }

  private async claim(group: string, topics: readonly string[], limit: number, leaseSec: number) {
    const result = await this.db.execute<JobRow>(sql`
      update queue_jobs j
         set attempts = j.attempts + 1,
             locked_until = now() + make_interval(secs => ${leaseSec})
       where (j.group_name, j.event_id) in (
         select group_name, event_id from queue_jobs
          where group_name = ${group}
            and topic in ${topics}
            and done_at is null and dead_at is null
            and available_at <= now()
            and (locked_until is null or locked_until < now())
          order by available_at, emitted_at
          limit ${limit}
          for update skip locked)
      returning j.event_id, j.topic, j.key, j.tenant_id, j.payload, j.emitted_at, j.attempts`);
    return result.rows;
  }

  private async settle(
    group: string,
    eventId: string,
    outcome: 'done' | 'dead' | number,
    error?: string,
  ) {
    if (outcome === 'done') {
      await this.db.execute(sql`update queue_jobs set done_at = now(), locked_until = null
        where group_name = ${group} and event_id = ${eventId}`);
    } else if (outcome === 'dead') {
      await this.db.execute(sql`update queue_jobs set dead_at = now(), locked_until = null,
        last_error = ${error ?? null} where group_name = ${group} and event_id = ${eventId}`);
    } else {
      await this.db.execute(sql`update queue_jobs set locked_until = null, last_error = ${error ?? null},
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
    let stopped = false;
    let running = 0;
    let wake: () => void = () => {};
    const idle = new Set<Promise<void>>();
    const wakeSet = this.wakers.get(group) ?? new Set();
    this.wakers.set(group, wakeSet);
    const onWake = () => wake();
    wakeSet.add(onWake);

    const run = async (row: JobRow) => {
      const event: BusEvent = {
        eventId: row.event_id,
        topic: row.topic,
        key: row.key,
        tenantId: row.tenant_id,
        payload: row.payload,
        emittedAt: new Date(row.emitted_at),
      };
      const extendLease = async () => {
        await this.db.execute(sql`update queue_jobs
          set locked_until = now() + make_interval(secs => ${options.leaseSec})
          where group_name = ${group} and event_id = ${row.event_id} and done_at is null`);
      };
      const heartbeat = setInterval(
        () => void extendLease().catch(() => {}),
        (options.leaseSec * 1000) / 3,
      );
      try {
        await handle({ event, attempt: row.attempts, extendLease });
        await this.settle(group, row.event_id, 'done');
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (row.attempts >= options.maxAttempts) {
          await this.settle(group, row.event_id, 'dead', error.message);
          await options.onDead?.(event, error);
        } else {
          await this.settle(group, row.event_id, retryDelaySec(row.attempts), error.message);
        }
      } finally {
        clearInterval(heartbeat);
      }
    };

    const loop = async () => {
      while (!stopped) {
        const free = options.concurrency - running;
        const rows =
          free > 0 ? await this.claim(group, topics, free, options.leaseSec).catch(() => []) : [];
        for (const row of rows) {
          running++;
          const task = run(row)
            .catch(() => {})
            .finally(() => {
              running--;
              idle.delete(task);
              wake();
            });
          idle.add(task);
        }
        if (rows.length === 0 || running >= options.concurrency) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    };
    const looping = loop();

    return {
      stop: async () => {
        stopped = true;
        wakeSet.delete(onWake);
        wake();
        await looping;
        await Promise.all(idle);
      },
    };
  }

  async close(): Promise<void> {
    await this.listener.stop();
  }
}
