import { listSigningKeys as listTheKeys } from '../../app/credentials/list-signing-keys.js';
import type { OperationHandler } from '../operation.js';

export const listSigningKeys: OperationHandler<'listSigningKeys'> = (ctx, request, caller) => {
  const { cursor, limit } = request.query;
  return listTheKeys(ctx, { tenantId: caller.tenantId, cursor, limit });
};
