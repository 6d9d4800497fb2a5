import type { Context } from '../../context.js';
import { liveSigningKeyIds } from '../../db/signing-keys.js';
import { CREDENTIAL_MEMORY_MS } from '../auth/credential-memo.js';

/**
 * How long a deleted signing key or a suspended tenant may still open `st` URLs on a replica
 * when the revocation's announcement did not reach it: each replica rereads a tenant's live keys
 * at most this often, since every segment asks.
 */
export const STREAM_REVOCATION_MS = CREDENTIAL_MEMORY_MS;

/** A tenant's live signing key ids (none while suspended). */
export function liveKeyIds(ctx: Context, tenantId: string): Promise<string[]> {
  return ctx.credentials.remember(`live-keys:${tenantId}`, () =>
    liveSigningKeyIds(ctx.database.ownerDb, tenantId),
  );
}
