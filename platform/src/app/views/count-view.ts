import type { Context } from '../../context.js';
import { countViews as addViews } from '../../db/videos.js';

/** Adds counted views to the videos' `view_count`: one statement for a whole batch. */
export const countViews = (ctx: Context, viewsByVideo: ReadonlyMap<string, number>) =>
  addViews(ctx.database.db, viewsByVideo);
