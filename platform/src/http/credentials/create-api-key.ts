import { insertApiKey } from '../../db/tenants.js';
import type { OperationHandler } from '../operation.js';
import { apiKeyView } from './api-key-view.js';

export const createApiKey: OperationHandler<'createApiKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const { row, key } = await insertApiKey(
    ctx.database.db,
    caller.tenantId,
    request.body.name,
    request.body.scope ?? 'full',
  );
  return reply.status(201).send({ ...apiKeyView(row), key });
};
