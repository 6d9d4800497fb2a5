import { createSigningKey as createTheKey } from '../../app/credentials/create-signing-key.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createSigningKey: OperationHandler<'createSigningKey'> = async (
  ctx,
  request,
  caller,
) => {
  const algorithm = request.body?.algorithm;
  const key = await createTheKey(ctx, { tenantId: caller.tenantId, algorithm });
  return answer(201, key);
};
