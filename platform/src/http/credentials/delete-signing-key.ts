import { deleteSigningKey as deleteTheKey } from '../../app/credentials/delete-signing-key.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteSigningKey: OperationHandler<'deleteSigningKey'> = async (
  ctx,
  request,
  caller,
) => {
  await deleteTheKey(ctx, { tenantId: caller.tenantId, keyId: request.params.key_id });
  return answer(204);
};
