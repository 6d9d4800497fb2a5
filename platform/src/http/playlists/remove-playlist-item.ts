import { removeItem } from '../../app/playlists/remove-item.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const removePlaylistItem: OperationHandler<'removePlaylistItem'> = async (
  ctx,
  request,
  caller,
) => {
  await removeItem(ctx, {
    ...viewerOf(caller),
    playlistId: request.params.playlist_id,
    itemId: request.params.item_id,
  });
  return answer(204);
};
