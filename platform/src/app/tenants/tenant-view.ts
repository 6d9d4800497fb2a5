import type { components } from '../../contract/openapi.gen.js';
import type { TenantRow } from '../../db/tenants.js';

export const tenantView = (t: TenantRow): components['schemas']['Tenant'] => ({
  tenant_id: t.id,
  name: t.name,
  created_at: t.createdAt.toISOString(),
  suspended_at: t.suspendedAt?.toISOString() ?? null,
});
