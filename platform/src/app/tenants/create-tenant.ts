import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { createTenant as insertTenant } from '../../db/tenants.js';
import { tenantView } from './tenant-view.js';

/** A new tenant and its first API key, whose secret is in this answer only. */
export async function createTenant(
  ctx: Context,
  input: { name: string },
): Promise<components['schemas']['TenantWithKey']> {
  const { tenant, apiKey } = await insertTenant(ctx.database.db, input.name);
  return { ...tenantView(tenant), api_key: apiKey };
}
