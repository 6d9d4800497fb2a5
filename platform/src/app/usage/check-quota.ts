import type { Queryable } from '../../db/connection.js';
import { lockTenant, tenantLimits, tenantUsage } from '../../db/quotas.js';
import { assertWithinQuota, type QuotaName } from '../../domain/quotas.js';

/**
 * Throws 403 `quota_exceeded` when adding `requested` of each named quota would go past the
 * tenant's limit. Tenants without limits (the usual case) cost one indexed read. Inside the
 * transaction that adds the rows, the tenant's row is locked first, so two requests at once
 * are counted one after the other and cannot both slip under a limit.
 */
export async function checkQuotas(
  db: Queryable,
  tenantId: string,
  requested: Partial<Record<QuotaName, number>>,
  options: { inTransaction: boolean } = { inTransaction: false },
) {
  const limits = await tenantLimits(db, tenantId);
  const names = (Object.keys(requested) as QuotaName[]).filter((n) => limits[n] !== undefined);
  if (names.length === 0) return;
  if (options.inTransaction) await lockTenant(db, tenantId);
  const used = await tenantUsage(db, tenantId);
  for (const name of names) assertWithinQuota(limits, name, used[name], requested[name] ?? 0);
}
