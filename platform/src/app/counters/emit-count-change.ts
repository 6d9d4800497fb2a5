import type { Queryable } from '../../db/connection.js';
import { emit } from '../../db/outbox.js';
import { type CountChange, countChangeData } from '../../domain/counters.js';
import { TOPICS } from '../../domain/event-routes.js';

/**
 * Announces, in the caller's transaction, that a like, a visible comment or a subscription
 * came or went. The counters role adds it up; the request never writes the hot counted row.
 */
export async function emitCountChange(
  tx: Queryable,
  tenantId: string,
  change: CountChange,
): Promise<void> {
  const data = countChangeData(change);
  await emit(
    tx,
    change.topic === TOPICS.subscriptionChanged
      ? { topic: change.topic, channelId: change.channelId, tenantId, data }
      : { topic: change.topic, videoId: change.videoId, tenantId, data },
  );
}
