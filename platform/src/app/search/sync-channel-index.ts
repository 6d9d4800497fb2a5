import type { Context } from '../../context.js';
import { markChannelsIndexed, unindexedChannels } from '../../db/channels.js';

/** How many changed channels one sync sends at most. */
export const CHANNEL_SYNC_BATCH = 100;

/**
 * Sends the search index one batch of channels changed since it last had them: live ones as
 * documents, deleted ones as removals. Reading the rows (not events) makes a crash or a repeat
 * harmless: what was not marked is sent again. Returns how many it sent.
 */
export async function syncChannelIndex(ctx: Context): Promise<number> {
  const changed = await unindexedChannels(ctx.database.db, CHANNEL_SYNC_BATCH);
  for (const channel of changed) {
    if (channel.deletedAt) {
      await ctx.search.removeChannel(channel.id);
    } else {
      await ctx.search.upsertChannel({
        channelId: channel.id,
        tenantId: channel.tenantId,
        handle: channel.handle,
        title: channel.title,
        description: channel.description,
      });
    }
  }
  await markChannelsIndexed(ctx.database.db, changed);
  return changed.length;
}
