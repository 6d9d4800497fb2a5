import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { relayBatches } from '../../src/db/outbox.js';
import { outbox } from '../../src/db/schema.js';
import type { BusEvent } from '../../src/ports/event-bus.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  // No workers: only this test relays.
  harness = await startHarness({ roles: [] });
  db = harness.reel.ctx.database.ownerDb;
  ({ tenantId } = await harness.tenant());
  // Whatever setting up the tenant emitted, so each test sees only its own rows.
  await relayBatches(db, 1000, 1, async () => {});
});
afterAll(() => harness?.stop());

/** `count` rows on three keys, in id order. */
async function emit(topic: string, count: number) {
  await db.insert(outbox).values(
    Array.from({ length: count }, (_, i) => ({
      topic,
      key: `key-${i % 3}`,
      tenantId,
      payload: { n: i },
    })),
  );
}

const numbers = (events: BusEvent[], topic: string) =>
  events.filter((e) => e.topic === topic).map((e) => Number(e.payload.n));

describe('the outbox relay', () => {
  it('overlaps its passes but sends every row once, in id order', async () => {
    await emit('test.relay-order', 95);
    const sent: BusEvent[] = [];
    let inFlight = 0;
    const moved = await relayBatches(db, 10, 4, async (events) => {
      expect(inFlight).toBe(0);
      inFlight++;
      // A slow broker: later passes select while this one sends.
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(...events);
      inFlight--;
    });
    expect(moved).toBe(40);
    await relayBatches(db, 10, 8, async (events) => {
      sent.push(...events);
    });
    expect(numbers(sent, 'test.relay-order')).toEqual(Array.from({ length: 95 }, (_, i) => i));
  });

  it('rolls back every pass after a failed send, then sends the rest in order', async () => {
    await emit('test.relay-failure', 40);
    const sent: BusEvent[] = [];
    let sends = 0;
    const failing = relayBatches(db, 10, 4, async (events) => {
      sends++;
      if (sends === 2) throw new Error('broker gone');
      sent.push(...events);
    });
    await expect(failing).rejects.toThrow('broker gone');
    // The first pass went out; the failed one and those selected after it did not.
    expect(sends).toBe(2);
    expect(numbers(sent, 'test.relay-failure')).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await relayBatches(db, 10, 4, async (events) => {
      sent.push(...events);
    });
    expect(numbers(sent, 'test.relay-failure')).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
