import type { components } from '../../contract/openapi.gen.js';
import { QUOTA_NAMES, type QuotaLimits, type QuotaUsage } from '../../domain/quotas.js';

type Usage = components['schemas']['Usage'];

export const usageView = (tenantId: string, limits: QuotaLimits, used: QuotaUsage): Usage => ({
  tenant_id: tenantId,
  quotas: Object.fromEntries(
    QUOTA_NAMES.map((name) => [name, { limit: limits[name] ?? null, used: used[name] }]),
  ) as Usage['quotas'],
});
