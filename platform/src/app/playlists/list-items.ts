import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listWatchableItems } from '../../db/playlists.js';
import { decodeItemCursor, encodeItemCursor } from '../../domain/playlist-positions.js';
import { type PlaylistReader, readablePlaylist } from './playlist-access.js';
import { itemView } from './playlist-view.js';

/** A playlist's items in order, leaving out the videos this reader could not watch. */
export async function listItems(
  ctx: Context,
  input: { reader: PlaylistReader; playlistId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['PlaylistItemList']> {
  const afterPosition = input.cursor === undefined ? undefined : decodeItemCursor(input.cursor);
  const playlist = await readablePlaylist(ctx.database.db, input.reader, input.playlistId);
  const limit = input.limit ?? 25;
  const rows = await listWatchableItems(ctx.database.db, playlist.id, {
    afterPosition,
    limit: limit + 1,
    publicOnly: input.reader.kind === 'anyone',
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(itemView),
    next_cursor: rows.length > limit && last ? encodeItemCursor(last.position) : null,
  };
}
