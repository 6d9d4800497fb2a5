import type { components } from '../../contract/openapi.gen.js';
import type { ChannelRow, SubscriptionRow } from '../../db/channels.js';
import { avatarUrl } from '../../domain/avatars.js';

export type ApiChannel = components['schemas']['Channel'];
export type ApiSubscription = components['schemas']['Subscription'];

/** A channel as the API shows it; avatar URLs are absolute, under `publicUrl`. */
export function channelView(channel: ChannelRow, publicUrl: string): ApiChannel {
  const avatar = channel.avatarId;
  return {
    channel_id: channel.id,
    handle: channel.handle,
    title: channel.title,
    description: channel.description,
    owner_viewer_id: channel.ownerViewerId,
    subscriber_count: channel.subscriberCount,
    avatar_url: avatar ? avatarUrl(publicUrl, channel.id, avatar, 'medium') : null,
    avatar_small_url: avatar ? avatarUrl(publicUrl, channel.id, avatar, 'small') : null,
    created_at: channel.createdAt.toISOString(),
    updated_at: channel.updatedAt.toISOString(),
  };
}

export function subscriptionView(
  row: { subscription: SubscriptionRow; channel: ChannelRow },
  publicUrl: string,
): ApiSubscription {
  return {
    channel_id: row.channel.id,
    viewer_id: row.subscription.viewerId,
    subscribed_at: row.subscription.createdAt.toISOString(),
    channel: channelView(row.channel, publicUrl),
  };
}
