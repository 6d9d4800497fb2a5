import { updatePlaylist as update } from '../../app/playlists/update-playlist.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const updatePlaylist: OperationHandler<'updatePlaylist'> = async (ctx, request, caller) =>
  update(ctx, {
    ...viewerOf(caller),
    playlistId: request.params.playlist_id,
    change: request.body,
  });
