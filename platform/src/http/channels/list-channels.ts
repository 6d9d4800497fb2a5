import { listChannels as listTheChannels } from '../../app/channels/list-channels.js';
import type { OperationHandler } from '../operation.js';

export const listChannels: OperationHandler<'listChannels'> = (ctx, request, caller) => {
  const { cursor, limit } = request.query;
  return listTheChannels(ctx, { tenantId: caller.tenantId, cursor, limit });
};
