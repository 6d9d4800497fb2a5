import { listVideos as listTheVideos } from '../../app/videos/list-videos.js';
import type { OperationHandler } from '../operation.js';

export const listVideos: OperationHandler<'listVideos'> = (ctx, request, caller) => {
  const { cursor, limit, status, visibility, sort } = request.query;
  return listTheVideos(ctx, { tenantId: caller.tenantId, cursor, limit, status, visibility, sort });
};
