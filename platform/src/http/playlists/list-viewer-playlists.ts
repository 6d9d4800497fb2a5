import { listOwnPlaylists } from '../../app/playlists/list-own-playlists.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const listViewerPlaylists: OperationHandler<'listViewerPlaylists'> = async (
  ctx,
  request,
  caller,
) =>
  listOwnPlaylists(ctx, {
    ...viewerOf(caller),
    cursor: request.query.cursor,
    limit: request.query.limit,
  });
