import { createTenant as createTheTenant } from '../../app/tenants/create-tenant.js';
import type { OperationHandler } from '../operation.js';

export const createTenant: OperationHandler<'createTenant'> = async (ctx, request, reply) => {
  const tenant = await createTheTenant(ctx, { name: request.body.name });
  return reply.status(201).send(tenant);
};
