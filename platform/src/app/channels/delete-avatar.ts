import type { Context } from '../../context.js';
import { channelKeys } from '../../domain/avatars.js';
import { notFound } from '../../domain/errors.js';
import { replaceAvatarAnnounced } from './avatar-change.js';

/** Takes the channel's avatar away and deletes its objects; a channel without one is fine. */
export async function deleteChannelAvatar(
  ctx: Context,
  input: { tenantId: string; channelId: string },
): Promise<void> {
  const replaced = await replaceAvatarAnnounced(ctx, { ...input, avatarId: null });
  if (!replaced) throw notFound('Channel');
  if (replaced.previous) {
    await ctx.store.deletePrefix(channelKeys.avatarPrefix(input.channelId, replaced.previous));
  }
}
