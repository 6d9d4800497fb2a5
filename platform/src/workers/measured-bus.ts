import type { BusEvent, ConsumeOptions, Delivery, EventBus } from '../ports/event-bus.js';
import type { Metrics } from '../ports/metrics.js';

const secondsSince = (start: number) => (performance.now() - start) / 1000;
const lagOf = (event: BusEvent) => Math.max(0, (Date.now() - event.emittedAt.getTime()) / 1000);

/**
 * The bus as one worker role sees it, timing what it handles: events by topic and outcome,
 * how long they waited since being emitted (lag), and how long handling took.
 */
export function measuredBus(bus: EventBus, metrics: Metrics, role: string): EventBus {
  return {
    name: bus.name,
    publish: (events) => bus.publish(events),
    ping: () => bus.ping(),
    close: () => bus.close(),
    consume(group, topics, handle, options: ConsumeOptions) {
      return bus.consume(
        group,
        topics,
        async (delivery: Delivery) => {
          const lagSeconds = [lagOf(delivery.event)];
          const start = performance.now();
          try {
            await handle(delivery);
            metrics.observeEvents(role, delivery.event.topic, 'ok', {
              handledSeconds: secondsSince(start),
              lagSeconds,
            });
          } catch (error) {
            metrics.observeEvents(role, delivery.event.topic, 'failed', {
              handledSeconds: secondsSince(start),
              lagSeconds,
            });
            throw error;
          }
        },
        options,
      );
    },
    consumeBatches(group, topics, handle, options: ConsumeOptions) {
      return bus.consumeBatches(
        group,
        topics,
        async (events) => {
          const start = performance.now();
          const lags = events.map(lagOf);
          const report = (outcome: 'ok' | 'failed') => {
            const handledSeconds = secondsSince(start);
            // A batch can mix topics; each topic's events are counted under their own.
            for (const topic of new Set(events.map((e) => e.topic))) {
              const lagSeconds = lags.filter((_, i) => events[i]?.topic === topic);
              metrics.observeEvents(role, topic, outcome, { handledSeconds, lagSeconds });
            }
          };
          try {
            await handle(events);
            report('ok');
          } catch (error) {
            report('failed');
            throw error;
          }
        },
        options,
      );
    },
  };
}
