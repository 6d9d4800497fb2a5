import { getUsage as getTheUsage } from '../../app/usage/get-usage.js';
import type { OperationHandler } from '../operation.js';

export const getUsage: OperationHandler<'getUsage'> = (ctx, _request, caller) =>
  getTheUsage(ctx, caller.tenantId);
