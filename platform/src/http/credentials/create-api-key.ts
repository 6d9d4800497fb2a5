import { createApiKey as createTheKey } from '../../app/credentials/create-api-key.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createApiKey: OperationHandler<'createApiKey'> = async (ctx, request, caller) => {
  const { name, scope } = request.body;
  const key = await createTheKey(ctx, { tenantId: caller.tenantId, name, scope });
  return answer(201, key);
};
