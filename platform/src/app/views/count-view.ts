import type { Context } from '../../context.js';
import { countView as addView } from '../../db/videos.js';

/** One more on the video's `view_count`, for one `events.views` event. */
export const countView = (ctx: Context, videoId: string) => addView(ctx.database.db, videoId);
