import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { WEBHOOK_EVENT_TYPES } from '../domain/event-routes.js';
import type { BusEvent } from '../ports/event-bus.js';
import type { Db, Queryable } from './connection.js';
import { outbox, videos } from './schema.js';

/** An event about a video, or about a channel (keyed by the channel: its subscriber count). */
export type NewEvent = {
  topic: string;
  tenantId: string;
  data?: Record<string, unknown>;
} & ({ videoId: string; channelId?: never } | { channelId: string; videoId?: never });

/**
 * The next webhook `sequence` of a video. The counter's row lock is held until commit, so the
 * numbers follow the order in which the video's changes commit.
 */
async function nextSequence(tx: Queryable, videoId: string): Promise<number | undefined> {
  const [row] = await tx
    .update(videos)
    .set({ webhookEvents: sql`${videos.webhookEvents} + 1` })
    .where(eq(videos.id, videoId))
    .returning({ sequence: videos.webhookEvents });
  return row?.sequence;
}

/** Writes events in the caller's transaction: they exist if and only if the change commits. */
export async function emit(tx: Queryable, ...events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = [];
  for (const e of events) {
    const eventId = randomUUID();
    const { videoId, channelId } = e;
    const sequence =
      videoId && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e.topic)
        ? await nextSequence(tx, videoId)
        : undefined;
    rows.push({
      eventId,
      topic: e.topic,
      key: videoId ?? channelId ?? '',
      tenantId: e.tenantId,
      payload: {
        event_id: eventId,
        event: e.topic,
        ts: new Date().toISOString(),
        tenant_id: e.tenantId,
        ...(videoId ? { video_id: videoId } : { channel_id: channelId }),
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
      created_at: Date;
    }>(sql`select id, event_id, topic, key, tenant_id, payload, created_at from outbox
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
      })),
    );
    const ids = rows.rows.map((r) => r.id);
    await tx.update(outbox).set({ relayedAt: sql`now()` }).where(inArray(outbox.id, ids));
    return ids.length;
  });
}
