import type { TraceCarrier } from './tracing.js';

export interface BusEvent {
  eventId: string;
  topic: string;
  /** Partition key: the video id, so one video's events stay in order. */
  key: string;
  tenantId: string;
  payload: Record<string, unknown>;
  emittedAt: Date;
  /** The span that emitted it, so the span that handles it joins its trace. */
  traceContext?: TraceCarrier | null;
}

export interface ConsumeOptions {
  /** Handlers running at once. */
  concurrency: number;
  /**
   * Events taken from the bus in one go (default `concurrency`). Large batches suit quick
   * handlers (views, counters): claims and acknowledgements then cost one round trip per batch,
   * not per event. Keep it at `concurrency` for long jobs, whose lease starts at the claim.
   */
  batchSize?: number;
  leaseSec: number;
  maxAttempts: number;
  /**
   * Tenants take turns: one tenant's backlog delays another's next event by one event at
   * most (transcodes). The Postgres queue honours it; Kafka keeps partition order.
   */
  fairByTenant?: boolean;
  /**
   * On `stop`, abort running handlers (`Delivery.signal`) and give their jobs back at once, not
   * as failures: a stopping transcode worker hands its job to another rather than finish it.
   * The Postgres queue honours it; Kafka lets running handlers finish.
   */
  handBackOnStop?: boolean;
  /**
   * With `fairByTenant`: the tenant quota (`tenants.quotas` key) capping how many of one
   * tenant's jobs run at once; a tenant at it gets no claim until one ends (the Postgres queue).
   */
  tenantConcurrencyQuota?: string;
  /** Called once when an event has failed `maxAttempts` times and goes to the dead letters. */
  onDead?: (event: BusEvent, error: Error) => Promise<void>;
}

export interface Delivery {
  event: BusEvent;
  attempt: number;
  /** Keeps the job leased while long work (a transcode) runs. */
  extendLease(): Promise<void>;
  /** Aborted when the consumer stops with `handBackOnStop`: give up and throw. */
  signal?: AbortSignal;
}

export interface Consumer {
  stop(): Promise<void>;
}

/**
 * Carries events from the outbox relay to consumer groups, at least once. Each group gets every
 * event of its topics; handlers must be idempotent (dedupe on `eventId`).
 */
export interface EventBus {
  readonly name: string;
  publish(events: readonly BusEvent[]): Promise<void>;
  consume(
    group: string,
    topics: readonly string[],
    handle: (delivery: Delivery) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer;
  /**
   * Like `consume`, for quick handlers that do one statement for many events (heartbeats,
   * counters): `handle` gets up to `batchSize` events at once, `concurrency` batches run at once.
   * When a batch fails, each of its events is handled again alone, so one poison event is
   * retried and dead-lettered by itself. Events of one key arrive in order on Kafka.
   */
  consumeBatches(
    group: string,
    topics: readonly string[],
    handle: (events: readonly BusEvent[]) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer;
  /** Resolves when the bus answers, throws when it is out of reach (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
