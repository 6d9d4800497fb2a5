import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { suspendTenant as suspendRow } from '../../db/tenants.js';
import { notFound } from '../../domain/errors.js';
import { forgetCredentials } from '../auth/credential-memo.js';
import { afterCommit } from '../idempotency.js';
import { tenantView } from './tenant-view.js';

/** Every key, token and `st` URL of the tenant stops working, on every replica at once. */
export async function suspendTenant(
  ctx: Context,
  input: { tenantId: string },
): Promise<components['schemas']['Tenant']> {
  const tenant = await suspendRow(ctx.database.db, input.tenantId);
  if (!tenant) throw notFound('Tenant');
  await afterCommit(ctx, () => forgetCredentials(ctx.cache));
  return tenantView(tenant);
}
