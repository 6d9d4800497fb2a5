import { moveItem } from '../../app/playlists/move-item.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const movePlaylistItem: OperationHandler<'movePlaylistItem'> = async (
  ctx,
  request,
  caller,
) =>
  moveItem(ctx, {
    ...viewerOf(caller),
    playlistId: request.params.playlist_id,
    itemId: request.params.item_id,
    position: request.body.position,
  });
