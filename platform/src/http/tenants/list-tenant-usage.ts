import { listTenantUsage as listTheUsage } from '../../app/usage/list-tenant-usage.js';
import type { OperationHandler } from '../operation.js';

export const listTenantUsage: OperationHandler<'listTenantUsage'> = (ctx, request) => {
  const { cursor, limit } = request.query;
  return listTheUsage(ctx, { cursor, limit });
};
