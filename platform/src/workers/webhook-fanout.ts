import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { findVideoForEvent } from '../db/videos.js';
import { insertDeliveries, subscribedEndpoints } from '../db/webhooks.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/event-routes.js';
import { videoView } from '../http/video-view.js';
import type { Delivery } from '../ports/event-bus.js';

/** This event's place among the video's webhook events, so receivers can order them. */
async function sequenceOf(ctx: Context, eventId: string, videoId: string): Promise<number> {
  const result = await ctx.database.db.execute<{ n: number }>(sql`
    select count(*)::int as n from outbox
     where key = ${videoId} and topic in ${WEBHOOK_EVENT_TYPES}
       and id <= (select id from outbox where event_id = ${eventId})`);
  return result.rows[0]?.n ?? 0;
}

/**
 * A video event → one delivery per subscribed endpoint, with the envelope fixed now (the
 * video as the API shows it at this moment). Redelivered events add nothing: one delivery per
 * endpoint per event.
 */
export function webhookFanoutWorker(ctx: Context) {
  return async ({ event }: Delivery) => {
    const endpoints = await subscribedEndpoints(ctx.database.db, event.tenantId, event.topic);
    if (endpoints.length === 0) return;
    const video = await findVideoForEvent(ctx.database.db, event.key);
    if (!video) return;
    const body = JSON.stringify({
      id: event.eventId,
      type: event.topic,
      timestamp: event.emittedAt.toISOString(),
      sequence: await sequenceOf(ctx, event.eventId, event.key),
      data: {
        video: videoView(video, ctx.config.publicUrl),
        ...(typeof event.payload.error === 'string' && { error: event.payload.error }),
      },
    });
    await insertDeliveries(
      ctx.database.db,
      endpoints.map((endpoint) => ({
        tenantId: event.tenantId,
        endpointId: endpoint.id,
        eventId: event.eventId,
        eventType: event.topic,
        body,
        nextAttemptAt: new Date(),
      })),
    );
  };
}
