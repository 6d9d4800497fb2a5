import { forgetCredentials } from '../../app/auth/credential-memo.js';
import { deleteSigningKey as remove } from '../../db/signing-keys.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const deleteSigningKey: OperationHandler<'deleteSigningKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  if (!(await remove(ctx.database.db, caller.tenantId, request.params.key_id)))
    throw notFound('Signing key');
  await forgetCredentials(ctx.cache);
  return reply.status(204).send();
};
