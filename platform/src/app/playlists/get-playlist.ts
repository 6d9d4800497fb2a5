import type { Context } from '../../context.js';
import { type PlaylistReader, readablePlaylist } from './playlist-access.js';
import { playlistView } from './playlist-view.js';

export async function getPlaylist(
  ctx: Context,
  input: { reader: PlaylistReader; playlistId: string },
) {
  return playlistView(await readablePlaylist(ctx.database.db, input.reader, input.playlistId));
}
