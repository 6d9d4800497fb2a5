import type { Context } from '../../context.js';
import { findPublicChannel } from '../../db/channels.js';
import { type AvatarSize, channelKeys } from '../../domain/avatars.js';
import { notFound } from '../../domain/errors.js';
import { servesDirectly } from '../../ports/object-store.js';
import { CACHE, type PlaybackAnswer } from '../playback/playback-answer.js';

/** A store URL lives this long; the redirect itself is cached for half as long. */
const DIRECT_URL_SEC = 3600;

/**
 * One rendition of the channel's current avatar, for anyone: the URL names one upload, so it
 * is cached as immutable; a replaced or removed avatar is not found.
 */
export async function getChannelAvatar(
  ctx: Context,
  input: { channelId: string; avatarId: string; size: AvatarSize },
): Promise<PlaybackAnswer> {
  const channel = await findPublicChannel(ctx.database.db, input.channelId);
  if (!channel || channel.avatarId !== input.avatarId) throw notFound('Avatar');
  const key = channelKeys.avatar(channel.id, input.avatarId, input.size);
  if (servesDirectly(ctx.store)) {
    return {
      kind: 'redirect',
      url: ctx.store.downloadUrl(key, DIRECT_URL_SEC, { shareable: true }),
      cacheControl: `public, max-age=${DIRECT_URL_SEC / 2}`,
    };
  }
  const info = await ctx.store.head(key);
  if (!info) throw notFound('Avatar');
  return {
    kind: 'object',
    info,
    contentType: 'image/webp',
    cacheControl: CACHE.immutable,
    read: (range) => ctx.store.read(key, range),
  };
}
