import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listTenants as listTenantRows } from '../../db/tenants.js';
import { listPage } from '../list-page.js';
import { tenantView } from './tenant-view.js';

export async function listTenants(
  ctx: Context,
  input: { cursor?: string; limit?: number },
): Promise<components['schemas']['TenantList']> {
  return listPage(
    input,
    (after, limit) => listTenantRows(ctx.database.db, after, limit),
    tenantView,
  );
}
