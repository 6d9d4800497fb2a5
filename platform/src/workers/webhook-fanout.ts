import { fanOutEvent } from '../app/webhooks/fan-out-event.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** Consumes video events into webhook deliveries (see fanOutEvent). */
export function webhookFanoutWorker(ctx: Context) {
  return ({ event }: Delivery) => fanOutEvent(ctx, event);
}
