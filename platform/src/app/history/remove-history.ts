import type { Context } from '../../context.js';
import {
  deleteEntries,
  findVideoLength,
  removeEntry,
  saveSettings,
} from '../../db/watch-history.js';
import { notFound } from '../../domain/errors.js';
import type { ViewerOfTenant } from './list-history.js';

/** Takes one video out of the history; not being there is no error, another tenant's video is. */
export async function removeHistoryEntry(
  ctx: Context,
  input: ViewerOfTenant & { videoId: string },
): Promise<void> {
  if (!(await findVideoLength(ctx.database.db, input.tenantId, input.videoId))) {
    throw notFound('Video');
  }
  await removeEntry(ctx.database.db, input);
}

/** Empties the history; the clear time makes reports received before it stale for good. */
export async function clearHistory(ctx: Context, input: ViewerOfTenant): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await saveSettings(tx, { ...input, cleared: true });
    await deleteEntries(tx, input.tenantId, input.viewerId);
  });
}
