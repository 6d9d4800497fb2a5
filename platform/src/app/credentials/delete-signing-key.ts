import type { Context } from '../../context.js';
import { deleteSigningKey as removeKey } from '../../db/signing-keys.js';
import { notFound } from '../../domain/errors.js';
import { forgetCredentials } from '../auth/credential-memo.js';
import { afterCommit } from '../idempotency.js';

/** Tokens and `st` URLs the key signed stop working, on every replica at once. */
export async function deleteSigningKey(
  ctx: Context,
  input: { tenantId: string; keyId: string },
): Promise<void> {
  if (!(await removeKey(ctx.database.db, input.tenantId, input.keyId))) {
    throw notFound('Signing key');
  }
  await afterCommit(ctx, () => forgetCredentials(ctx.cache));
}
