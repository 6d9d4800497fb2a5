import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listWatchableItems } from '../../db/playlists.js';
import { decodeItemCursor, encodeItemCursor } from '../../domain/playlist-positions.js';
import { readablePlaylist } from './playlist-access.js';
import { itemView, type ViewerRef } from './playlist-view.js';

export async function listItems(
  ctx: Context,
  input: ViewerRef & { playlistId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['PlaylistItemList']> {
  const after = input.cursor === undefined ? undefined : decodeItemCursor(input.cursor);
  const playlist = await readablePlaylist(ctx.database.db, input, input.playlistId);
  const limit = input.limit ?? 25;
  const rows = await listWatchableItems(ctx.database.db, playlist.id, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(itemView),
    next_cursor: rows.length > limit && last ? encodeItemCursor(last.position) : null,
  };
}
