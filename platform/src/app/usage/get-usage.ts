import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { tenantLimits, tenantUsage } from '../../db/quotas.js';
import { usageView } from './usage-view.js';

/** The calling tenant's quotas and what it uses of each. */
export async function getUsage(
  ctx: Context,
  tenantId: string,
): Promise<components['schemas']['Usage']> {
  const [limits, used] = await Promise.all([
    tenantLimits(ctx.database.db, tenantId),
    tenantUsage(ctx.database.db, tenantId),
  ]);
  return usageView(tenantId, limits, used);
}
