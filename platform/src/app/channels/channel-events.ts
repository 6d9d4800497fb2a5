import type { components } from '../../contract/openapi.gen.js';
import type { ChannelRow } from '../../db/channels.js';
import type { NewEvent } from '../../db/outbox.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { channelView } from './channel-view.js';

type Schemas = components['schemas'];

/** A channel's webhook event, keyed by the channel, with the channel as it is now. */
export function channelEvent(
  topic: Schemas['ChannelWebhookEvent']['type'],
  channel: ChannelRow,
  publicUrl: string,
  changed?: string[],
): NewEvent {
  const data: Schemas['ChannelWebhookEvent']['data'] = {
    channel: channelView(channel, publicUrl),
    ...(changed && { changed }),
  };
  return {
    topic,
    channelId: channel.id,
    tenantId: channel.tenantId,
    data: withWebhookData(data),
  };
}

/** A viewer's (un)subscription as a webhook event, keyed by the channel. */
export function subscriptionEvent(
  topic: Schemas['SubscriptionWebhookEvent']['type'],
  subscription: { tenantId: string; viewerId: string; channelId: string },
): NewEvent {
  const data: Schemas['SubscriptionWebhookEvent']['data'] = {
    channel_id: subscription.channelId,
    viewer_id: subscription.viewerId,
  };
  return {
    topic,
    channelId: subscription.channelId,
    tenantId: subscription.tenantId,
    data: withWebhookData(data),
  };
}
