import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { deleteChannel as deleteChannelRow, lockChannel } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { channelKeys } from '../../domain/avatars.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { channelEvent } from './channel-events.js';

/**
 * Deletes the channel in one transaction: its subscriptions go, its videos stay on no channel
 * and announce it (`video.updated`), so the search index forgets their channel too.
 */
export async function deleteChannel(
  ctx: Context,
  input: { tenantId: string; channelId: string },
): Promise<void> {
  const { tenantId } = input;
  const unlinked = await ctx.database.db.transaction(async (tx) => {
    // The deletion's own lock, taken first so the event shows the channel as it was last.
    const channel = await lockChannel(tx, tenantId, input.channelId, 'update');
    const videoIds = channel && (await deleteChannelRow(tx, tenantId, input.channelId));
    if (!channel || !videoIds) throw notFound('Channel');
    await emit(
      tx,
      channelEvent(TOPICS.channelDeleted, channel, ctx.config.publicUrl),
      ...videoIds.map((videoId) => ({
        topic: TOPICS.videoUpdated,
        videoId,
        tenantId,
        data: { changed: ['channel_id'] },
      })),
    );
    return videoIds;
  });
  for (const videoId of unlinked) await invalidateVideo(ctx, videoId);
  // Its avatars.
  await ctx.store.deletePrefix(channelKeys.prefix(input.channelId));
}
