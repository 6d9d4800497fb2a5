import { revokeApiKey as revokeTheKey } from '../../app/credentials/revoke-api-key.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const revokeApiKey: OperationHandler<'revokeApiKey'> = async (ctx, request, caller) => {
  await revokeTheKey(ctx, { tenantId: caller.tenantId, keyId: request.params.key_id });
  return answer(204);
};
