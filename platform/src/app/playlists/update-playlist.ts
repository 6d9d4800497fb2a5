import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { setPlaylist } from '../../db/playlists.js';
import { badRequest } from '../../domain/errors.js';
import { lockOwnPlaylist } from './playlist-access.js';
import { playlistView, type ViewerRef } from './playlist-view.js';

export async function updatePlaylist(
  ctx: Context,
  input: ViewerRef & { playlistId: string; change: components['schemas']['UpdatePlaylistRequest'] },
) {
  const { title, description, visibility } = input.change;
  return ctx.database.db.transaction(async (tx) => {
    const row = await lockOwnPlaylist(tx, input, input.playlistId);
    if (row.watchLater && visibility !== undefined && visibility !== 'private') {
      throw badRequest('invalid_request', 'The watch-later playlist stays private', {
        field: 'visibility',
      });
    }
    const updated = await setPlaylist(tx, row.id, {
      ...(title !== undefined && { title: title.trim() }),
      ...(description !== undefined && { description }),
      ...(visibility !== undefined && { visibility }),
    });
    return playlistView(updated);
  });
}
