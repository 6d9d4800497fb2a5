import { updateTenant as updateTheTenant } from '../../app/tenants/update-tenant.js';
import type { OperationHandler } from '../operation.js';

export const updateTenant: OperationHandler<'updateTenant'> = (ctx, request) =>
  updateTheTenant(ctx, { tenantId: request.params.tenant_id, request: request.body });
