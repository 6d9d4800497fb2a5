import type { Context } from '../../context.js';
import { liveSigningKeyIds } from '../../db/signing-keys.js';

/**
 * A tenant's live signing key ids (none while suspended), remembered like every credential, so
 * a revocation reaches issued `st` URLs as it reaches keys and tokens.
 */
export function liveKeyIds(ctx: Context, tenantId: string): Promise<string[]> {
  return ctx.credentials.remember(`live-keys:${tenantId}`, () =>
    liveSigningKeyIds(ctx.database.ownerDb, tenantId),
  );
}
