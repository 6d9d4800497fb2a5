import { sql } from 'drizzle-orm';
import {
  type Admin,
  CompressionTypes,
  type EachBatchPayload,
  Kafka,
  type Consumer as KafkaConsumer,
  type KafkaMessage,
  logLevel,
  type Producer,
} from 'kafkajs';
import type { Db } from '../../db/connection.js';
import { isUuid } from '../../domain/uuid.js';
import type {
  BusEvent,
  ConsumeOptions,
  Consumer,
  Delivery,
  EventBus,
} from '../../ports/event-bus.js';
import { splitIntoRequests } from './kafka-requests.js';

/** The dead-letter topic of `topic`: failed events with their error, for inspection and replay. */
export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

/** Backoff between in-place retries: 100 ms, 200 ms, 400 ms… capped, so a poison event holds
 * its partition for seconds, then moves to the dead letters. */
const RETRY_BASE_MS = 100;
const RETRY_CAP_MS = 5_000;
export const kafkaRetryDelayMs = (attempt: number) =>
  Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));

/** Handles a chunk of one partition's new events, in order; throwing stops the partition. */
type HandleChunk = (
  items: { event: BusEvent; message: KafkaMessage }[],
  topic: string,
  heartbeat: () => Promise<void>,
) => Promise<void>;

/** The envelope on the wire: the seed's event JSON plus what the port's BusEvent carries. */
interface WireEvent {
  event_id: string;
  topic: string;
  key: string;
  tenant_id: string;
  emitted_at: string;
  payload: Record<string, unknown>;
}

export interface KafkaBusOptions {
  brokers: string[];
  /** Partitions for the topics Reel creates; more partitions, more parallel consumers. */
  partitions: number;
  clientId?: string;
  /** Prefixed to group ids, so test runs on one broker never share a group. */
  groupPrefix?: string;
  onError?: (message: string, error: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Events on Kafka. Topics are created with explicit partitions and messages are keyed by the
 * video id, so one video's events stay in order. The producer is idempotent (acks=all, one
 * in-flight request), and sends whole relay batches at once. Each consumer group is a Kafka
 * group; a handler that fails is retried with exponential backoff, then its event goes to
 * `<topic>.dlq` with the error, and the partition moves on. Handled event ids are recorded in
 * Postgres per group, so a redelivered event (after a rebalance or a relay re-send) is skipped.
 */
export class KafkaBus implements EventBus {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  private readonly knownTopics = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly options: KafkaBusOptions,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'reel',
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.admin.connect(), this.producer.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connected = undefined;
        throw error;
      },
    );
    return this.connected;
  }

  /** Creates missing topics (and their dead-letter topics) with the configured partitions. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = [...new Set(topics.flatMap((t) => [t, deadLetterTopic(t)]))].filter(
      (t) => !this.knownTopics.has(t),
    );
    if (wanted.length === 0) return;
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions,
            replicationFactor: -1,
          })),
        });
      } catch (error) {
        // Another process created them first: fine.
        if (!/already exists/i.test(String(error))) throw error;
      }
    }
    for (const t of wanted) this.knownTopics.add(t);
  }

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.ensureTopics(events.map((e) => e.topic));
    const byTopic = new Map<string, BusEvent[]>();
    for (const e of events) {
      const list = byTopic.get(e.topic);
      if (list) list.push(e);
      else byTopic.set(e.topic, [e]);
    }
    const topicMessages = [...byTopic].map(([topic, list]) => ({
      topic,
      messages: list.map((e) => ({
        key: e.key,
        value: JSON.stringify({
          event_id: e.eventId,
          topic: e.topic,
          key: e.key,
          tenant_id: e.tenantId,
          emitted_at: e.emittedAt.toISOString(),
          payload: e.payload,
        } satisfies WireEvent),
        // The trace context rides in headers, as OpenTelemetry's messaging conventions say.
        headers: { event_id: e.eventId, ...e.traceContext },
      })),
    }));
    // One after another: each key's events stay in order across the requests.
    for (const request of splitIntoRequests(topicMessages)) {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: request,
      });
    }
  }

  /** Of `eventIds`, those this group handled already (a redelivery after a rebalance). */
  private async handledAlready(group: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const result = await this.db.execute<{ event_id: string }>(
      sql`select event_id from processed_events where group_name = ${group}
          and event_id = any(${sql.param(eventIds)}::uuid[])`,
    );
    return new Set(result.rows.map((r) => r.event_id));
  }

  private async markHandled(group: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    // One array parameter for the chunk: cheaper to build than a placeholder pair per id.
    await this.db.execute(sql`insert into processed_events (group_name, event_id)
      select ${group}, id from unnest(${sql.param(eventIds)}::uuid[]) as id
      on conflict do nothing`);
  }

  private async deadLetter(message: KafkaMessage, topic: string, error: Error, attempts: number) {
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            error: error.message.slice(0, 2_000),
            attempts: String(attempts),
            original_topic: topic,
            failed_at: new Date().toISOString(),
          },
        },
      ],
    });
  }

  consume(
    group: string,
    topics: readonly string[],
    handle: (delivery: Delivery) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer {
    return this.startConsumer(group, topics, options, async (items, topic, heartbeat) => {
      for (const { event, message } of items) {
        await this.handleWithRetries(event, message, topic, heartbeat, handle, options);
      }
    });
  }

  consumeBatches(
    group: string,
    topics: readonly string[],
    handle: (events: readonly BusEvent[]) => Promise<void>,
    options: ConsumeOptions,
  ): Consumer {
    const alone = ({ event }: Delivery) => handle([event]);
    return this.startConsumer(group, topics, options, async (items, topic, heartbeat) => {
      try {
        await handle(items.map((i) => i.event));
        return;
      } catch {
        // One bad event must not fail the others: each goes again alone, in order, with its
        // own retries and dead letter.
      }
      for (const { event, message } of items) {
        await this.handleWithRetries(event, message, topic, heartbeat, alone, options);
      }
    });
  }

  private startConsumer(
    group: string,
    topics: readonly string[],
    options: ConsumeOptions,
    handleChunk: HandleChunk,
  ): Consumer {
    const groupId = `${this.options.groupPrefix ?? ''}${group}`;
    // Handlers heartbeat every 2 s, so a short session keeps a slow handler's partitions while a
    // crashed process loses its own within 30 s, whatever the lease: a 5-minute session left
    // every join after a crash waiting 5 minutes for the dead member.
    const sessionTimeout = Math.min(30_000, Math.max(6_000, options.leaseSec * 1000));
    let stopped = false;
    const consumer: KafkaConsumer = this.kafka.consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 3),
      // Members rejoin a rebalance only between batches: long handlers need a long one.
      rebalanceTimeout: Math.max(10_000, options.leaseSec * 1000),
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, restartOnFailure: async () => !stopped },
    });

    const run = async () => {
      // Retry the setup until it works or we stop: Kafka may still be starting.
      for (let attempt = 1; !stopped; attempt++) {
        try {
          await this.ensureTopics(topics);
          await consumer.connect();
          await consumer.subscribe({ topics: [...topics], fromBeginning: true });
          break;
        } catch (error) {
          this.options.onError?.(`kafka consumer ${groupId} could not start`, error);
          await sleep(Math.min(5_000, 200 * attempt));
        }
      }
      // A stop during the set-up may have come before the connect above finished.
      if (stopped) return consumer.disconnect();
      await consumer.run({
        partitionsConsumedConcurrently: Math.max(1, options.concurrency),
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          await this.handleBatch(group, payload, handleChunk, options);
        },
      });
    };
    const started = run().catch((error: unknown) =>
      this.options.onError?.(`kafka consumer ${groupId} failed`, error),
    );

    return {
      stop: async () => {
        stopped = true;
        // Disconnect first: a join still waiting on the group would hold `started` for a whole
        // rebalance. The batch in hand still finishes before the consumer leaves.
        await consumer.disconnect().catch(() => undefined);
        await started;
      },
    };
  }

  /**
   * One partition's batch, in order, in chunks: a chunk costs one dedupe query and one insert of
   * handled ids, however many events it holds; offsets move once its ids are recorded.
   */
  private async handleBatch(
    group: string,
    {
      batch,
      resolveOffset,
      heartbeat,
      commitOffsetsIfNecessary,
      isRunning,
      isStale,
    }: EachBatchPayload,
    handleChunk: HandleChunk,
    options: ConsumeOptions,
  ) {
    const chunkSize = Math.max(1, options.batchSize ?? options.concurrency);
    for (let from = 0; from < batch.messages.length; from += chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(from, from + chunkSize);
      const parsed: { event: BusEvent; message: KafkaMessage }[] = [];
      for (const message of chunk) {
        const event = readEnvelope(message, batch.topic);
        // Unreadable messages can never succeed: straight to the dead letters.
        if (event instanceof Error) await this.deadLetter(message, batch.topic, event, 0);
        else parsed.push({ event, message });
      }
      const skip = await this.handledAlready(
        group,
        parsed.map((p) => p.event.eventId),
      );
      const fresh = parsed.filter((p) => !skip.has(p.event.eventId));
      if (fresh.length > 0) await handleChunk(fresh, batch.topic, heartbeat);
      const handled = fresh.map((p) => p.event.eventId);
      await this.markHandled(group, handled);
      resolveOffset(chunk[chunk.length - 1]?.offset as string);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }

  private async handleWithRetries(
    event: BusEvent,
    message: KafkaMessage,
    topic: string,
    heartbeat: () => Promise<void>,
    handle: (delivery: Delivery) => Promise<void>,
    options: ConsumeOptions,
  ) {
    const extendLease = () => heartbeat().catch(() => undefined);
    // A long handler (a transcode) or a backoff keeps the group from deciding this consumer died.
    const beating = setInterval(() => void extendLease(), 2_000);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await handle({ event, attempt, extendLease });
          return;
        } catch (thrown) {
          const error = asError(thrown);
          if (attempt >= options.maxAttempts) {
            await this.deadLetter(message, topic, error, attempt);
            await options.onDead?.(event, error);
            return;
          }
          await sleep(kafkaRetryDelayMs(attempt));
        }
      }
    } finally {
      clearInterval(beating);
    }
  }

  async ping(): Promise<void> {
    await this.connect();
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/** The event a message carries, or why it carries none. */
function readEnvelope(message: KafkaMessage, topic: string): BusEvent | Error {
  try {
    const wire = JSON.parse(message.value?.toString('utf8') ?? '') as WireEvent;
    if (!isUuid(wire.event_id) || typeof wire.key !== 'string') {
      return new Error('not a Reel event envelope');
    }
    return {
      eventId: wire.event_id,
      topic: wire.topic ?? topic,
      key: wire.key,
      tenantId: wire.tenant_id,
      payload: wire.payload ?? {},
      emittedAt: new Date(wire.emitted_at),
      traceContext: traceContextOf(message),
    };
  } catch (error) {
    return asError(error);
  }
}

/** The W3C trace context headers a message carries, if any. */
function traceContextOf(message: KafkaMessage): Record<string, string> | null {
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = message.headers?.[name];
    if (value !== undefined) carrier[name] = value.toString();
  }
  return carrier.traceparent ? carrier : null;
}

const asError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));
