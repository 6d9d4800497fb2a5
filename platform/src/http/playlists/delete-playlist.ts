import { deletePlaylist as remove } from '../../app/playlists/delete-playlist.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const deletePlaylist: OperationHandler<'deletePlaylist'> = async (ctx, request, caller) => {
  await remove(ctx, { ...viewerOf(caller), playlistId: request.params.playlist_id });
  return answer(204);
};
