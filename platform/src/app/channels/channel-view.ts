import type { components } from '../../contract/openapi.gen.js';
import type { ChannelRow, SubscriptionRow } from '../../db/channels.js';

export type ApiChannel = components['schemas']['Channel'];
export type ApiSubscription = components['schemas']['Subscription'];

/** A channel as the API shows it. */
export function channelView(channel: ChannelRow): ApiChannel {
  return {
    channel_id: channel.id,
    handle: channel.handle,
    title: channel.title,
    description: channel.description,
    owner_viewer_id: channel.ownerViewerId,
    subscriber_count: channel.subscriberCount,
    created_at: channel.createdAt.toISOString(),
    updated_at: channel.updatedAt.toISOString(),
  };
}

export function subscriptionView(row: {
  subscription: SubscriptionRow;
  channel: ChannelRow;
}): ApiSubscription {
  return {
    channel_id: row.channel.id,
    viewer_id: row.subscription.viewerId,
    subscribed_at: row.subscription.createdAt.toISOString(),
    channel: channelView(row.channel),
  };
}
