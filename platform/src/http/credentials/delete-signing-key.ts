import { deleteSigningKey as deleteTheKey } from '../../app/credentials/delete-signing-key.js';
import type { OperationHandler } from '../operation.js';

export const deleteSigningKey: OperationHandler<'deleteSigningKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  await deleteTheKey(ctx, { tenantId: caller.tenantId, keyId: request.params.key_id });
  return reply.status(204).send();
};
