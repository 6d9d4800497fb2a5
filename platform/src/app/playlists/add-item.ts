import type { Context } from '../../context.js';
import {
  findItemOfVideo,
  findWatchableVideo,
  insertItem,
  setPlaylist,
  shiftItems,
} from '../../db/playlists.js';
import { conflict, notFound } from '../../domain/errors.js';
import { insertionPosition, shiftForInsert } from '../../domain/playlist-positions.js';
import { lockOwnPlaylist } from './playlist-access.js';
import { itemView, type ViewerRef } from './playlist-view.js';

export async function addItem(
  ctx: Context,
  input: ViewerRef & { playlistId: string; videoId: string; position?: number },
) {
  return ctx.database.db.transaction(async (tx) => {
    const playlist = await lockOwnPlaylist(tx, input, input.playlistId);
    // A video the viewer could not watch reads as missing, like any other tenant's.
    const video = await findWatchableVideo(tx, input.tenantId, input.videoId);
    if (!video) throw notFound('Video');
    const existing = await findItemOfVideo(tx, playlist.id, video.id);
    if (existing) {
      throw conflict('playlist_item_exists', 'This video is in the playlist already', {
        item_id: existing.id,
      });
    }
    const position = insertionPosition(input.position, playlist.itemCount);
    await shiftItems(tx, playlist.id, shiftForInsert(position, playlist.itemCount));
    const item = await insertItem(tx, { playlistId: playlist.id, videoId: video.id, position });
    await setPlaylist(tx, playlist.id, { itemCount: playlist.itemCount + 1 });
    return itemView({ ...item, title: video.title, durationSec: video.durationSec });
  });
}
