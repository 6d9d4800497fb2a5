import { listItems } from '../../app/playlists/list-items.js';
import type { OperationHandler } from '../operation.js';
import { playlistReaderOf } from './viewer-of.js';

export const listPlaylistItems: OperationHandler<'listPlaylistItems'> = async (
  ctx,
  request,
  caller,
) =>
  listItems(ctx, {
    reader: playlistReaderOf(caller),
    playlistId: request.params.playlist_id,
    cursor: request.query.cursor,
    limit: request.query.limit,
  });
