import { createTenant as createTheTenant } from '../../app/tenants/create-tenant.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createTenant: OperationHandler<'createTenant'> = async (ctx, request) => {
  const tenant = await createTheTenant(ctx, { name: request.body.name });
  return answer(201, tenant);
};
