import { listTenants as listTheTenants } from '../../app/tenants/list-tenants.js';
import type { OperationHandler } from '../operation.js';

export const listTenants: OperationHandler<'listTenants'> = (ctx, request) => {
  const { cursor, limit } = request.query;
  return listTheTenants(ctx, { cursor, limit });
};
