import { listSubscriptions as listTheSubscriptions } from '../../app/channels/list-subscriptions.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const listSubscriptions: OperationHandler<'listSubscriptions'> = (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const { cursor, limit } = request.query;
  return listTheSubscriptions(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    cursor,
    limit,
  });
};
