import type { Delivery, EventBus } from '../ports/event-bus.js';
import type { Tracing } from '../ports/tracing.js';

/**
 * The bus as one worker role sees it, each handled event in a consumer span that continues
 * the trace the event carries. Batches (views, analytics) come by the thousand from many
 * traces and stay untraced.
 */
export function tracedBus(bus: EventBus, tracing: Tracing, role: string): EventBus {
  return {
    name: bus.name,
    publish: (events) => bus.publish(events),
    ping: () => bus.ping(),
    close: () => bus.close(),
    consumeBatches: (group, topics, handle, options) =>
      bus.consumeBatches(group, topics, handle, options),
    consume: (group, topics, handle, options) =>
      bus.consume(
        group,
        topics,
        (delivery: Delivery) =>
          tracing.inSpan(`${role} ${delivery.event.topic}`, () => handle(delivery), {
            kind: 'consumer',
            parent: delivery.event.traceContext ?? null,
            attributes: {
              'messaging.destination.name': delivery.event.topic,
              'reel.event_id': delivery.event.eventId,
              'reel.attempt': delivery.attempt,
            },
          }),
        options,
      ),
  };
}
