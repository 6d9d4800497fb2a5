import type { Context } from '../../context.js';
import { readablePlaylist } from './playlist-access.js';
import { playlistView, type ViewerRef } from './playlist-view.js';

export async function getPlaylist(ctx: Context, input: ViewerRef & { playlistId: string }) {
  return playlistView(await readablePlaylist(ctx.database.db, input, input.playlistId));
}
