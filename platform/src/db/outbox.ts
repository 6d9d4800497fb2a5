import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { eq, sql } from 'drizzle-orm';
import { WEBHOOK_EVENT_TYPES } from '../domain/event-routes.js';
import type { BusEvent } from '../ports/event-bus.js';
import type { Db, Queryable } from './connection.js';
import { channels, liveStreams, outbox, videos } from './schema.js';

/**
 * What an event is about: its bus key (events with one key keep their order) and the counter
 * that numbers its webhooks. Comments are about their video; subscriptions about their channel;
 * a finished erasure about itself (it finishes once: sequence 1).
 */
export type EventSubject =
  | { videoId: string }
  | { channelId: string }
  | { erasureId: string }
  | { liveStreamId: string };

export type NewEvent = EventSubject & {
  topic: string;
  tenantId: string;
  data?: Record<string, unknown>;
};

/**
 * The next webhook `sequence` of the event's video or channel. The counter's row lock is held
 * until commit, so the numbers follow the order in which the subject's changes commit.
 */
async function nextSequence(tx: Queryable, subject: EventSubject): Promise<number | undefined> {
  if ('erasureId' in subject) return 1;
  if ('liveStreamId' in subject) {
    const [live] = await tx
      .update(liveStreams)
      .set({ webhookEvents: sql`${liveStreams.webhookEvents} + 1` })
      .where(eq(liveStreams.id, subject.liveStreamId))
      .returning({ sequence: liveStreams.webhookEvents });
    return live?.sequence;
  }
  const [row] =
    'videoId' in subject
      ? await tx
          .update(videos)
          .set({ webhookEvents: sql`${videos.webhookEvents} + 1` })
          .where(eq(videos.id, subject.videoId))
          .returning({ sequence: videos.webhookEvents })
      : await tx
          .update(channels)
          .set({ webhookEvents: sql`${channels.webhookEvents} + 1` })
          .where(eq(channels.id, subject.channelId))
          .returning({ sequence: channels.webhookEvents });
  return row?.sequence;
}

/**
 * The current span's W3C context. Emit runs deep inside use cases that hold no Context, so it
 * asks the OpenTelemetry API, which the tracing adapter set up; with tracing off it is a no-op.
 */
function currentTraceContext(): Record<string, string> | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}
const subjectKey = (e: EventSubject) =>
  'videoId' in e
    ? e.videoId
    : 'channelId' in e
      ? e.channelId
      : 'liveStreamId' in e
        ? e.liveStreamId
        : e.erasureId;

/** Writes events in the caller's transaction: they exist if and only if the change commits. */
export async function emit(tx: Queryable, ...events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const traceContext = currentTraceContext();
  const rows = [];
  for (const e of events) {
    const eventId = randomUUID();
    const sequence = (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e.topic)
      ? await nextSequence(tx, e)
      : undefined;
    const subject =
      'videoId' in e
        ? { video_id: e.videoId }
        : 'channelId' in e
          ? { channel_id: e.channelId }
          : 'liveStreamId' in e
            ? { live_stream_id: e.liveStreamId }
            : { erasure_id: e.erasureId };
    rows.push({
      eventId,
      topic: e.topic,
      key: subjectKey(e),
      tenantId: e.tenantId,
      traceContext,
      payload: {
        event_id: eventId,
        event: e.topic,
        ts: new Date().toISOString(),
        tenant_id: e.tenantId,
        ...subject,
        ...(sequence !== undefined && { sequence }),
        ...e.data,
      },
    });
  }
  await tx.insert(outbox).values(rows);
}

/**
 * Hands unrelayed rows to `send` and marks them relayed in one transaction; a crash between the
 * two re-sends them, and consumers dedupe on the event id.
 */
export async function relayBatch(
  db: Db,
  limit: number,
  send: (events: BusEvent[]) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      id: number;
      event_id: string;
      topic: string;
      key: string;
      tenant_id: string;
      payload: Record<string, unknown>;
      trace_context: Record<string, string> | null;
      created_at: Date;
    }>(sql`select id, event_id, topic, key, tenant_id, payload, trace_context, created_at from outbox
           where relayed_at is null order by id limit ${limit} for update skip locked`);
    if (rows.rows.length === 0) return 0;
    await send(
      rows.rows.map((r) => ({
        eventId: r.event_id,
        topic: r.topic,
        key: r.key,
        tenantId: r.tenant_id,
        payload: r.payload,
        emittedAt: new Date(r.created_at),
        traceContext: r.trace_context,
      })),
    );
    const ids = rows.rows.map((r) => r.id);
    // One array parameter, not a placeholder per row: thousands of ids build and send cheaply.
    await tx.execute(
      sql`update outbox set relayed_at = now() where id = any(${sql.param(ids)}::bigint[])`,
    );
    return ids.length;
  });
}
