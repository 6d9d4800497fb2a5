import type { Context } from '../../context.js';
import { revokeApiKey as revokeKey } from '../../db/tenants.js';
import { notFound } from '../../domain/errors.js';
import { forgetCredentials } from '../auth/credential-memo.js';
import { afterCommit } from '../idempotency.js';

/** The key stops working on every replica at once; revoking it again changes nothing. */
export async function revokeApiKey(
  ctx: Context,
  input: { tenantId: string; keyId: string },
): Promise<void> {
  if (!(await revokeKey(ctx.database.db, input.tenantId, input.keyId))) {
    throw notFound('API key');
  }
  await afterCommit(ctx, () => forgetCredentials(ctx.cache));
}
