import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { recountCounters } from '../../db/counters.js';
import { COUNTER_KINDS } from '../../domain/counters.js';

/**
 * Recounts every counter from its source rows and fixes those that drifted (an event lost, a
 * worker killed between taking deltas and applying them). A recount that lands while deltas are
 * still in flight is off by those until the next one: counts settle once a row is quiet.
 */
export async function reconcileCounts(ctx: Context): Promise<number> {
  let fixed = 0;
  for (const kind of COUNTER_KINDS) {
    const ids = await recountCounters(ctx.database.db, kind);
    fixed += ids.length;
    if (kind === 'likes' || kind === 'comments') {
      for (const videoId of ids) await invalidateVideo(ctx, videoId);
    }
  }
  return fixed;
}
