import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { addToCounters } from '../../db/counters.js';
import { byKind } from '../../domain/counters.js';

/**
 * Applies the deltas summed since the last flush to Postgres: one row write per counted row,
 * however many likes it got meanwhile. Sums that fail to apply go back to the store; a crash
 * between taking and applying loses them, which the next reconciliation repairs.
 */
export async function flushCounts(ctx: Context): Promise<number> {
  const sums = await ctx.cache.takeCounts();
  const grouped = byKind(sums);
  if (grouped.size === 0) return 0;
  try {
    await ctx.database.db.transaction(async (tx) => {
      for (const [kind, deltas] of grouped) await addToCounters(tx, kind, deltas);
    });
  } catch (error) {
    await ctx.cache.returnCounts(sums);
    throw error;
  }
  const videoIds = new Set([
    ...(grouped.get('likes') ?? []).map((d) => d.id),
    ...(grouped.get('comments') ?? []).map((d) => d.id),
  ]);
  for (const videoId of videoIds) await invalidateVideo(ctx, videoId);
  return [...grouped.values()].reduce((n, deltas) => n + deltas.length, 0);
}
