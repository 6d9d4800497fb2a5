import { addItem } from '../../app/playlists/add-item.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const addPlaylistItem: OperationHandler<'addPlaylistItem'> = async (
  ctx,
  request,
  caller,
) => {
  const item = await addItem(ctx, {
    ...viewerOf(caller),
    playlistId: request.params.playlist_id,
    videoId: request.body.video_id,
    position: request.body.position,
  });
  return answer(201, item);
};
