import { listFeed } from '../../app/channels/list-feed.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const getViewerFeed: OperationHandler<'getViewerFeed'> = (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const { cursor, limit } = request.query;
  return listFeed(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    cursor,
    limit,
  });
};
