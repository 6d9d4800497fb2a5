import { createPlaylist as create } from '../../app/playlists/create-playlist.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const createPlaylist: OperationHandler<'createPlaylist'> = async (ctx, request, caller) =>
  answer(201, await create(ctx, { ...viewerOf(caller), ...request.body }));
