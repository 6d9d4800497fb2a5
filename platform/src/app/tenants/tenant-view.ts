import type { components } from '../../contract/openapi.gen.js';
import type { TenantRow } from '../../db/tenants.js';
import { QUOTA_NAMES, type QuotaLimits } from '../../domain/quotas.js';

type Schemas = components['schemas'];

/** Every quota by name, null where none is set. */
export const quotasView = (limits: QuotaLimits) =>
  Object.fromEntries(QUOTA_NAMES.map((name) => [name, limits[name] ?? null])) as Schemas['Quotas'];

export const tenantView = (t: TenantRow): Schemas['Tenant'] => ({
  tenant_id: t.id,
  name: t.name,
  created_at: t.createdAt.toISOString(),
  suspended_at: t.suspendedAt?.toISOString() ?? null,
  quotas: quotasView(t.quotas),
});
