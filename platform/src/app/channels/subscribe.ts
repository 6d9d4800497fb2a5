import type { Context } from '../../context.js';
import {
  deleteSubscription,
  findSubscription,
  holdChannel,
  insertSubscription,
} from '../../db/channels.js';
import type { Queryable } from '../../db/connection.js';
import { emit } from '../../db/outbox.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCountChange } from '../counters/emit-count-change.js';
import { subscriptionEvent } from './channel-events.js';
import { type ApiSubscription, subscriptionView } from './channel-view.js';

interface ViewerChannel {
  tenantId: string;
  viewerId: string;
  channelId: string;
}

/** `subscriber_count` moves through `events.subscriptions`, added up by the counters role. */
const countSubscriber = (tx: Queryable, input: ViewerChannel, delta: 1 | -1) =>
  emitCountChange(tx, input.tenantId, {
    topic: TOPICS.subscriptionChanged,
    channelId: input.channelId,
    delta,
  });

/**
 * Subscribes the viewer; a repeat changes nothing, emits nothing and answers the same
 * subscription.
 */
export async function subscribe(ctx: Context, input: ViewerChannel): Promise<ApiSubscription> {
  const found = await ctx.database.db.transaction(async (tx) => {
    if (!(await holdChannel(tx, input.tenantId, input.channelId))) throw notFound('Channel');
    if (await insertSubscription(tx, input)) {
      await countSubscriber(tx, input, 1);
      await emit(tx, subscriptionEvent(TOPICS.channelSubscribed, input));
    }
    return findSubscription(tx, input);
  });
  if (!found) throw notFound('Channel');
  return subscriptionView(found, ctx.config.publicUrl);
}

/** Unsubscribes the viewer; not being subscribed is no error. */
export async function unsubscribe(ctx: Context, input: ViewerChannel): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    if (!(await holdChannel(tx, input.tenantId, input.channelId))) throw notFound('Channel');
    if (await deleteSubscription(tx, input)) {
      await countSubscriber(tx, input, -1);
      await emit(tx, subscriptionEvent(TOPICS.channelUnsubscribed, input));
    }
  });
}
