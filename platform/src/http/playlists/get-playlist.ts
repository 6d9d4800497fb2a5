import { getPlaylist as get } from '../../app/playlists/get-playlist.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const getPlaylist: OperationHandler<'getPlaylist'> = async (ctx, request, caller) =>
  get(ctx, { ...viewerOf(caller), playlistId: request.params.playlist_id });
