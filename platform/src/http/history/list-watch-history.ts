import { listHistory } from '../../app/history/list-history.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const listWatchHistory: OperationHandler<'listWatchHistory'> = (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const { cursor, limit } = request.query;
  return listHistory(ctx, { tenantId: caller.tenantId, viewerId: caller.viewer.id, cursor, limit });
};
