import type { components } from '../../contract/openapi.gen.js';
import type { AttemptRow, DeliveryRow, EndpointRow } from '../../db/webhooks.js';

type EventType = components['schemas']['WebhookEventType'];
type Schemas = components['schemas'];

export const endpointView = (e: EndpointRow): Schemas['WebhookEndpoint'] => ({
  endpoint_id: e.id,
  url: e.url,
  event_types: e.eventTypes as EventType[],
  description: e.description,
  enabled: e.disabledAt === null,
  disabled_reason: e.disabledReason,
  created_at: e.createdAt.toISOString(),
});

export const endpointWithSecret = (e: EndpointRow): Schemas['WebhookEndpointWithSecret'] => ({
  ...endpointView(e),
  secret: e.secret,
  previous_secret_expires_at: e.previousSecretExpiresAt?.toISOString() ?? null,
});

export const deliveryView = (
  d: DeliveryRow & { attemptLog: AttemptRow[] },
): Schemas['WebhookDelivery'] => ({
  delivery_id: d.id,
  event_id: d.eventId,
  event_type: d.eventType as EventType,
  status: d.status,
  attempt_count: d.attemptLog.length,
  next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
  created_at: d.createdAt.toISOString(),
  attempts: d.attemptLog.map((a) => ({
    status_code: a.statusCode,
    latency_ms: a.latencyMs,
    response_excerpt: a.responseExcerpt,
    error: a.error,
    at: a.at.toISOString(),
  })),
});
