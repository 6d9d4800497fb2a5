import type { Queryable } from '../../db/connection.js';
import { type DeliverySelection, writeDeliveryStatus } from '../../db/webhooks.js';
import {
  type DeliveryStatus,
  deliveryStatusesInto,
  settled,
} from '../../domain/webhook-delivery-state.js';

/**
 * The only way a delivery's status changes: moves the selected deliveries to `to`, those the
 * state table lets go there (the rest keep theirs), in the caller's transaction. Pending goes
 * out now; a settled delivery is tried no more. Returns the moved deliveries.
 */
export function transitionDeliveries(db: Queryable, which: DeliverySelection, to: DeliveryStatus) {
  return writeDeliveryStatus(db, which, deliveryStatusesInto(to), to, settled(to) ? null : 'now');
}
