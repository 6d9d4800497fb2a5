import { suspendTenant as suspendTheTenant } from '../../app/tenants/suspend-tenant.js';
import type { OperationHandler } from '../operation.js';

export const suspendTenant: OperationHandler<'suspendTenant'> = (ctx, request) =>
  suspendTheTenant(ctx, { tenantId: request.params.tenant_id });
