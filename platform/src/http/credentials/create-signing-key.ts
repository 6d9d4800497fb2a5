import { createSigningKey as createTheKey } from '../../app/credentials/create-signing-key.js';
import type { OperationHandler } from '../operation.js';

export const createSigningKey: OperationHandler<'createSigningKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const algorithm = request.body?.algorithm;
  const key = await createTheKey(ctx, { tenantId: caller.tenantId, algorithm });
  return reply.status(201).send(key);
};
