import type { Context } from '../../context.js';
import { tenantLimits, tenantUsage } from '../../db/quotas.js';
import { assertWithinQuota, type QuotaName } from '../../domain/quotas.js';

/**
 * Throws 403 `quota_exceeded` when adding `requested` of each named quota would go past the
 * tenant's limit. Tenants without limits (the usual case) cost one indexed read.
 */
export async function checkQuotas(
  ctx: Context,
  tenantId: string,
  requested: Partial<Record<QuotaName, number>>,
) {
  const limits = await tenantLimits(ctx.database.db, tenantId);
  const names = (Object.keys(requested) as QuotaName[]).filter((n) => limits[n] !== undefined);
  if (names.length === 0) return;
  const used = await tenantUsage(ctx.database.db, tenantId);
  for (const name of names) assertWithinQuota(limits, name, used[name], requested[name] ?? 0);
}
