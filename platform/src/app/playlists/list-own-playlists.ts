import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listOwnPlaylists as listOwnPlaylistRows } from '../../db/playlists.js';
import { listPage } from '../list-page.js';
import { playlistView, type ViewerRef } from './playlist-view.js';

export async function listOwnPlaylists(
  ctx: Context,
  input: ViewerRef & { cursor?: string; limit?: number },
): Promise<components['schemas']['PlaylistList']> {
  return listPage(
    input,
    (after, limit) => listOwnPlaylistRows(ctx.database.db, input, after, limit),
    playlistView,
  );
}
