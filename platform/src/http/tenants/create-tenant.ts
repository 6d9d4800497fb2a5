import { createTenant as insertTenant } from '../../db/tenants.js';
import type { OperationHandler } from '../operation.js';
import { tenantView } from './tenant-view.js';

export const createTenant: OperationHandler<'createTenant'> = async (ctx, request, reply) => {
  const { tenant, apiKey } = await insertTenant(ctx.database.db, request.body.name);
  return reply.status(201).send({ ...tenantView(tenant), api_key: apiKey });
};
