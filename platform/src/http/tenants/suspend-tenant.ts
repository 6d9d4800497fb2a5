import { forgetCredentials } from '../../app/auth/credential-memo.js';
import { suspendTenant as suspend } from '../../db/tenants.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { tenantView } from './tenant-view.js';

export const suspendTenant: OperationHandler<'suspendTenant'> = async (ctx, request) => {
  const tenant = await suspend(ctx.database.db, request.params.tenant_id);
  if (!tenant) throw notFound('Tenant');
  await forgetCredentials(ctx.cache);
  return tenantView(tenant);
};
