import { getWatchLater as watchLater } from '../../app/playlists/get-watch-later.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const getWatchLater: OperationHandler<'getWatchLater'> = async (ctx, _request, caller) =>
  watchLater(ctx, viewerOf(caller));
