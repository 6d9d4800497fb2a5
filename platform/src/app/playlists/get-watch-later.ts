import type { Context } from '../../context.js';
import { ensureWatchLater } from '../../db/playlists.js';
import { playlistView, type ViewerRef } from './playlist-view.js';

export async function getWatchLater(ctx: Context, viewer: ViewerRef) {
  return playlistView(await ensureWatchLater(ctx.database.db, viewer.tenantId, viewer.viewerId));
}
