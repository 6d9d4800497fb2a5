import { forgetCredentials } from '../../app/auth/credential-memo.js';
import { revokeApiKey as revoke } from '../../db/tenants.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const revokeApiKey: OperationHandler<'revokeApiKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  if (!(await revoke(ctx.database.db, caller.tenantId, request.params.key_id)))
    throw notFound('API key');
  await forgetCredentials(ctx.cache);
  return reply.status(204).send();
};
