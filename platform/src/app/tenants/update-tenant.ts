import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { lockTenant, setTenantLimits } from '../../db/quotas.js';
import { notFound } from '../../domain/errors.js';
import { changedLimits } from '../../domain/quotas.js';
import { tenantView } from './tenant-view.js';

/** The operator changes a tenant's quotas; the same change twice leaves the same limits. */
export async function updateTenant(
  ctx: Context,
  input: { tenantId: string; request: components['schemas']['UpdateTenantRequest'] },
): Promise<components['schemas']['Tenant']> {
  return ctx.database.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, input.tenantId);
    if (!tenant) throw notFound('Tenant');
    const updated = await setTenantLimits(
      tx,
      tenant.id,
      changedLimits(tenant.quotas, input.request.quotas),
    );
    if (!updated) throw notFound('Tenant');
    return tenantView(updated);
  });
}
