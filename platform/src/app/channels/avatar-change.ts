import type { Context } from '../../context.js';
import { replaceAvatar } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { TOPICS } from '../../domain/event-routes.js';
import { channelEvent } from './channel-events.js';

/**
 * Points the channel at another avatar (or none) and, when that changed anything, emits
 * `channel.updated` naming the avatar fields, in the same transaction.
 */
export function replaceAvatarAnnounced(
  ctx: Context,
  input: { tenantId: string; channelId: string; avatarId: string | null },
) {
  return ctx.database.db.transaction(async (tx) => {
    const replaced = await replaceAvatar(tx, input.tenantId, input.channelId, input.avatarId);
    if (replaced && replaced.previous !== input.avatarId) {
      const changed = ['avatar_url', 'avatar_small_url'];
      await emit(
        tx,
        channelEvent(TOPICS.channelUpdated, replaced.channel, ctx.config.publicUrl, changed),
      );
    }
    return replaced;
  });
}
