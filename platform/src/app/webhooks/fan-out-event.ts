import type { Context } from '../../context.js';
import { findVideoForEvent } from '../../db/videos.js';
import { insertDeliveries, subscribedEndpoints } from '../../db/webhooks.js';
import type { BusEvent } from '../../ports/event-bus.js';
import { videoView } from '../videos/video-view.js';

/**
 * A video event → one delivery per subscribed endpoint, with the envelope fixed now (the
 * video as the API shows it at this moment). Redelivered events add nothing: one delivery per
 * endpoint per event.
 */
export async function fanOutEvent(ctx: Context, event: BusEvent): Promise<void> {
  const { db } = ctx.database;
  const endpoints = await subscribedEndpoints(db, event.tenantId, event.topic);
  if (endpoints.length === 0) return;
  const video = await findVideoForEvent(db, event.key);
  if (!video) return;
  const body = JSON.stringify({
    id: event.eventId,
    type: event.topic,
    timestamp: event.emittedAt.toISOString(),
    // Numbered at emit, so receivers can order a video's events.
    sequence: Number(event.payload.sequence ?? 0),
    data: {
      video: videoView(video, ctx.config.publicUrl),
      ...(typeof event.payload.error === 'string' && { error: event.payload.error }),
    },
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
