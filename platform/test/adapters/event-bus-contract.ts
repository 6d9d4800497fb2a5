import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BusEvent, Consumer, EventBus } from '../../src/ports/event-bus.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (topic: string, key: string, n = 0): BusEvent => ({
  eventId: randomUUID(),
  topic,
  key,
  tenantId: randomUUID(),
  payload: { n },
  emittedAt: new Date(),
});

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

/**
 * What every EventBus adapter must do. (Redelivery after a consumer process dies is proven
 * end to end in workers/transcode-workers.test.ts, with a real SIGKILL.) `makeBus(routes)` builds a bus whose consumer groups
 * receive the topics given in `routes`.
 */
export function eventBusContract(
  name: string,
  makeBus: (routes: Record<string, string[]>) => Promise<EventBus>,
) {
  describe(`EventBus contract: ${name}`, () => {
    const opts = { concurrency: 2, leaseSec: 2, maxAttempts: 3 };

    it('delivers every event of its topics to each group, once', async () => {
      const topic = `t.${randomUUID()}`;
      const bus = await makeBus({ [topic]: ['a', 'b'] });
      const seen: Record<string, string[]> = { a: [], b: [] };
      const consumers: Consumer[] = ['a', 'b'].map((group) =>
        bus.consume(
          group,
          [topic],
          async ({ event: e }) => {
            seen[group]?.push(e.eventId);
          },
          opts,
        ),
      );
      const events = Array.from({ length: 20 }, (_, i) => event(topic, `video-${i % 3}`, i));
      await bus.publish(events);
      await bus.publish(events.slice(0, 5)); // a redelivery from the relay
      await until(() => (seen.a?.length ?? 0) >= 20 && (seen.b?.length ?? 0) >= 20);
      await sleep(300);
      await Promise.all(consumers.map((c) => c.stop()));
      await bus.close();
      expect(new Set(seen.a).size).toBe(20);
      expect(seen.a).toHaveLength(20);
      expect(seen.b).toHaveLength(20);
    });

    it('takes large batches, handles each event once, and hands back what a stopped consumer held', async () => {
      const topic = `t.${randomUUID()}`;
      const bus = await makeBus({ [topic]: ['g'] });
      const handled: string[] = [];
      let holding = false;
      let openGate: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      // The first consumer holds a long lease and blocks on its first event.
      const first = bus.consume(
        'g',
        [topic],
        async ({ event: e }) => {
          holding = true;
          await gate;
          handled.push(e.eventId);
        },
        { concurrency: 1, batchSize: 200, leaseSec: 60, maxAttempts: 3 },
      );
      const events = Array.from({ length: 300 }, (_, i) => event(topic, `video-${i % 7}`, i));
      await bus.publish(events);
      await until(() => holding);
      const stopping = first.stop();
      openGate();
      await stopping;
      // Another consumer gets the rest long before the first one's 60 s lease would lapse.
      const second = bus.consume(
        'g',
        [topic],
        async ({ event: e }) => {
          handled.push(e.eventId);
        },
        { concurrency: 4, batchSize: 100, leaseSec: 60, maxAttempts: 3 },
      );
      await until(() => new Set(handled).size >= 300, 30_000);
      await second.stop();
      await bus.close();
      expect(new Set(handled)).toEqual(new Set(events.map((e) => e.eventId)));
      expect(handled).toHaveLength(300);
    });

    it('gives batch consumers many events at once; a poison event fails alone', async () => {
      const topic = `t.${randomUUID()}`;
      const bus = await makeBus({ [topic]: ['g'] });
      const handled: number[] = [];
      const batchSizes: number[] = [];
      const dead: number[] = [];
      const consumer = bus.consumeBatches(
        'g',
        [topic],
        async (events) => {
          batchSizes.push(events.length);
          // A batch is all or nothing: the poison event fails every batch it is in.
          if (events.some((e) => e.payload.n === 13)) throw new Error('poison');
          handled.push(...events.map((e) => e.payload.n as number));
        },
        {
          concurrency: 2,
          batchSize: 50,
          leaseSec: 5,
          maxAttempts: 2,
          onDead: async (e) => {
            dead.push(e.payload.n as number);
          },
        },
      );
      await bus.publish(Array.from({ length: 200 }, (_, i) => event(topic, `video-${i % 5}`, i)));
      await until(() => handled.length >= 199 && dead.length === 1, 30_000);
      await consumer.stop();
      await bus.close();
      expect(dead).toEqual([13]);
      expect(handled.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, i) => i).filter((n) => n !== 13),
      );
      expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    });

    it('carries a burst of one key larger than a broker takes in one request, each event once', async () => {
      // A viral video: every heartbeat is keyed by the video, so a relay pass is one partition's.
      const topic = `t.${randomUUID()}`;
      const bus = await makeBus({ [topic]: ['g'] });
      const handled: number[] = [];
      const consumer = bus.consumeBatches(
        'g',
        [topic],
        async (events) => {
          handled.push(...events.map((e) => e.payload.n as number));
        },
        { concurrency: 1, batchSize: 500, leaseSec: 10, maxAttempts: 3 },
      );
      const filler = 'x'.repeat(700);
      const events = Array.from({ length: 2_000 }, (_, i) => ({
        ...event(topic, 'viral-video', i),
        payload: { n: i, filler },
      }));
      await bus.publish(events);
      await until(() => handled.length >= 2_000, 60_000);
      await consumer.stop();
      await bus.close();
      expect(handled.sort((a, b) => a - b)).toEqual(events.map((_, i) => i));
    });

    it('retries a failing handler, then dead-letters it with its error without blocking others', async () => {
      const topic = `t.${randomUUID()}`;
      const bus = await makeBus({ [topic]: ['g'] });
      const attempts = new Map<number, number>();
      const done: number[] = [];
      const dead: string[] = [];
      const consumer = bus.consume(
        'g',
        [topic],
        async ({ event: e }) => {
          const n = e.payload.n as number;
          attempts.set(n, (attempts.get(n) ?? 0) + 1);
          if (n === 0) throw new Error('poison');
          if (n === 1 && attempts.get(1) === 1) throw new Error('flaky once');
          done.push(n);
        },
        {
          ...opts,
          maxAttempts: 2,
          onDead: async (_e, error) => {
            dead.push(error.message);
          },
        },
      );
      await bus.publish([event(topic, 'x', 0), event(topic, 'x', 1), event(topic, 'y', 2)]);
      await until(() => dead.length === 1 && done.includes(1) && done.includes(2), 30_000);
      await consumer.stop();
      await bus.close();
      expect(dead).toEqual(['poison']);
      expect(attempts.get(0)).toBe(2);
      expect(attempts.get(1)).toBe(2);
    });
  });
}
