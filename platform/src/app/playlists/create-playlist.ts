import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { insertPlaylist } from '../../db/playlists.js';
import { playlistView, type ViewerRef } from './playlist-view.js';

export async function createPlaylist(
  ctx: Context,
  input: ViewerRef & components['schemas']['CreatePlaylistRequest'],
) {
  const row = await insertPlaylist(ctx.database.db, {
    tenantId: input.tenantId,
    ownerViewerId: input.viewerId,
    title: input.title.trim(),
    description: input.description ?? '',
    visibility: input.visibility,
  });
  return playlistView(row);
}
