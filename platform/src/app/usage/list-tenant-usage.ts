import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { tenantUsage } from '../../db/quotas.js';
import { listTenants } from '../../db/tenants.js';
import { listPage } from '../list-page.js';
import { usageView } from './usage-view.js';

/** The operator's view: a page of tenants, newest first, each with its quotas and use. */
export async function listTenantUsage(
  ctx: Context,
  input: { cursor?: string; limit?: number },
): Promise<components['schemas']['UsageList']> {
  const page = await listPage(
    input,
    (after, limit) => listTenants(ctx.database.db, after, limit),
    (tenant) => tenant,
  );
  const data = await Promise.all(
    page.data.map(async (t) => usageView(t.id, t.quotas, await tenantUsage(ctx.database.db, t.id))),
  );
  return { data, next_cursor: page.next_cursor };
}
