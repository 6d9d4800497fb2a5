import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionDeliveries } from '../../src/app/webhooks/transition-deliveries.js';
import type { Db } from '../../src/db/connection.js';
import {
  insertDeliveries,
  insertEndpoint,
  listDeliveries,
  type NewDelivery,
  settleDelivery,
} from '../../src/db/webhooks.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let db: Db;

beforeAll(async () => {
  // No workers: nothing but this test moves the deliveries.
  harness = await startHarness({ roles: [] });
  db = harness.reel.ctx.database.db;
});
afterAll(() => harness?.stop());

async function pendingDelivery() {
  const { tenantId } = await harness.tenant();
  const endpoint = await insertEndpoint(db, {
    tenantId,
    url: 'https://8.8.8.8/hook',
    secret: 'whsec_dGVzdA==',
  });
  const eventId = randomUUID();
  await insertDeliveries(db, [
    { tenantId, endpointId: endpoint.id, eventId, eventType: 'video.published', body: '{}' },
  ]);
  const [delivery] = await listDeliveries(db, endpoint.id, {}, undefined, 1);
  if (!delivery) throw new Error('the delivery was not stored');
  return { which: { endpointId: endpoint.id, deliveryId: delivery.id }, delivery };
}

const statusNow = async (which: { endpointId: string; deliveryId: string }) => {
  const rows = await listDeliveries(db, which.endpointId, {}, undefined, 10);
  return rows.find((row) => row.id === which.deliveryId)?.status;
};

describe('a webhook delivery status moves only along its table', () => {
  it('starts pending, settles, and goes back to pending for a resend', async () => {
    const { which, delivery } = await pendingDelivery();
    expect(delivery.status).toBe('pending');

    const [succeeded] = await transitionDeliveries(db, which, 'succeeded');
    expect(succeeded).toMatchObject({ status: 'succeeded', nextAttemptAt: null });

    const [again] = await transitionDeliveries(db, which, 'pending');
    expect(again?.status).toBe('pending');
    expect(again?.nextAttemptAt).toBeInstanceOf(Date);
  });

  it('refuses a move the table has no arrow for: a succeeded delivery never becomes failed', async () => {
    const { which } = await pendingDelivery();
    await transitionDeliveries(db, which, 'succeeded');
    expect(await transitionDeliveries(db, which, 'failed')).toEqual([]);
    expect(await statusNow(which)).toBe('succeeded');
  });

  it('keeps a status write out of every other helper (checked by the type-check step)', () => {
    // Built, never called: each line compiles only because it is expected to fail to.
    const writesElsewhere = [
      (deliveryId: string) =>
        // @ts-expect-error settleDelivery changes anything but the status
        settleDelivery(db, deliveryId, { status: 'succeeded', nextAttemptAt: null }),
      (deliveryId: string, change: { status: 'failed'; nextAttemptAt: null }) =>
        // @ts-expect-error nor through a variable, where no excess-property check applies
        settleDelivery(db, deliveryId, change),
      (row: NewDelivery) =>
        // @ts-expect-error a new delivery starts pending, whatever its inserter wants
        insertDeliveries(db, [{ ...row, status: 'succeeded' }]),
    ];
    expect(writesElsewhere).toHaveLength(3);
  });
});
