import type { Context } from '../../context.js';
import { findVideoForEvent } from '../../db/videos.js';
import { insertDeliveries, subscribedEndpoints } from '../../db/webhooks.js';
import { FIXED_DATA_WEBHOOK_EVENT_TYPES } from '../../domain/event-routes.js';
import type { BusEvent } from '../../ports/event-bus.js';
import { videoView } from '../videos/video-view.js';
import { webhookDataOf } from './webhook-data.js';

/**
 * An event → one delivery per subscribed endpoint, with the envelope fixed now. Redelivered
 * events add nothing: one delivery per endpoint per event.
 */
export async function fanOutEvent(ctx: Context, event: BusEvent): Promise<void> {
  const { db } = ctx.database;
  const endpoints = await subscribedEndpoints(db, event.tenantId, event.topic);
  if (endpoints.length === 0) return;
  const data = FIXED_DATA_WEBHOOK_EVENT_TYPES.includes(event.topic)
    ? webhookDataOf(event.payload)
    : await videoData(ctx, event);
  if (!data) return;
  const body = JSON.stringify({
    id: event.eventId,
    type: event.topic,
    timestamp: event.emittedAt.toISOString(),
    // Numbered at emit, so receivers can order a video's or a channel's events.
    sequence: Number(event.payload.sequence ?? 0),
    data,
  });
  await insertDeliveries(
    db,
    endpoints.map((endpoint) => ({
      tenantId: event.tenantId,
      endpointId: endpoint.id,
      eventId: event.eventId,
      eventType: event.topic,
      body,
      nextAttemptAt: new Date(),
    })),
  );
}

/** A video event's data: the video as the API shows it at this moment. */
async function videoData(ctx: Context, event: BusEvent) {
  const video = await findVideoForEvent(ctx.database.db, event.key);
  if (!video) return undefined;
  return {
    video: videoView(video, ctx.config.publicUrl),
    ...(typeof event.payload.error === 'string' && { error: event.payload.error }),
  };
}
