import { listApiKeys as listTheKeys } from '../../app/credentials/list-api-keys.js';
import type { OperationHandler } from '../operation.js';

export const listApiKeys: OperationHandler<'listApiKeys'> = (ctx, request, caller) => {
  const { cursor, limit } = request.query;
  return listTheKeys(ctx, { tenantId: caller.tenantId, cursor, limit });
};
