import type { Context } from '../../context.js';
import { deleteItem, findItem, setPlaylist, shiftItems } from '../../db/playlists.js';
import { notFound } from '../../domain/errors.js';
import { shiftForRemove } from '../../domain/playlist-positions.js';
import { lockOwnPlaylist } from './playlist-access.js';
import type { ViewerRef } from './playlist-view.js';

export async function removeItem(
  ctx: Context,
  input: ViewerRef & { playlistId: string; itemId: string },
) {
  await ctx.database.db.transaction(async (tx) => {
    const playlist = await lockOwnPlaylist(tx, input, input.playlistId);
    const item = await findItem(tx, playlist.id, input.itemId);
    if (!item) throw notFound('Playlist item');
    await deleteItem(tx, item.id);
    await shiftItems(tx, playlist.id, shiftForRemove(item.position, playlist.itemCount));
    await setPlaylist(tx, playlist.id, { itemCount: playlist.itemCount - 1 });
  });
}
