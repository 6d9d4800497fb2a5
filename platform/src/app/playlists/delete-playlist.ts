import type { Context } from '../../context.js';
import { deletePlaylist as deletePlaylistRow } from '../../db/playlists.js';
import { lockOwnPlaylist } from './playlist-access.js';
import type { ViewerRef } from './playlist-view.js';

/** Its items go with it (cascade); a deleted watch-later list is made afresh on next use. */
export async function deletePlaylist(ctx: Context, input: ViewerRef & { playlistId: string }) {
  await ctx.database.db.transaction(async (tx) => {
    const row = await lockOwnPlaylist(tx, input, input.playlistId);
    await deletePlaylistRow(tx, row.id);
  });
}
