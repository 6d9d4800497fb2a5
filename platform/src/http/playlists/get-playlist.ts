import { getPlaylist as get } from '../../app/playlists/get-playlist.js';
import type { OperationHandler } from '../operation.js';
import { playlistReaderOf } from './viewer-of.js';

export const getPlaylist: OperationHandler<'getPlaylist'> = async (ctx, request, caller) =>
  get(ctx, { reader: playlistReaderOf(caller), playlistId: request.params.playlist_id });
