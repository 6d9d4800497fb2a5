import type { Context } from '../../context.js';
import { findItem, setPlaylist, shiftItems } from '../../db/playlists.js';
import { notFound } from '../../domain/errors.js';
import { shiftForMove } from '../../domain/playlist-positions.js';
import { lockOwnPlaylist } from './playlist-access.js';
import { itemView, type ViewerRef } from './playlist-view.js';

export async function moveItem(
  ctx: Context,
  input: ViewerRef & { playlistId: string; itemId: string; position: number },
) {
  return ctx.database.db.transaction(async (tx) => {
    const playlist = await lockOwnPlaylist(tx, input, input.playlistId);
    const item = await findItem(tx, playlist.id, input.itemId);
    if (!item) throw notFound('Playlist item');
    const shift = shiftForMove(item.position, input.position, playlist.itemCount);
    await shiftItems(tx, playlist.id, shift, { itemId: item.id, position: input.position });
    await setPlaylist(tx, playlist.id, {});
    return itemView({ ...item, position: input.position });
  });
}
