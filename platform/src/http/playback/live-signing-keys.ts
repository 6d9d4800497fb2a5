import type { Context } from '../../context.js';
import { liveSigningKeyIds } from '../../db/signing-keys.js';

/**
 * How long a deleted signing key or a suspended tenant may still open `st` URLs on a replica:
 * each replica reads a tenant's live keys at most this often, since every segment asks.
 */
export const STREAM_REVOCATION_MS = 5_000;

const entries = new Map<string, { ids: Promise<string[]>; until: number }>();
const MAX_TENANTS = 10_000;

/**
 * A tenant's live signing key ids (none while suspended), read again after STREAM_REVOCATION_MS.
 * The entry's age counts from when its query started, so a read racing a deletion still lapses
 * within the bound after the deletion committed. Concurrent misses share one query.
 */
export function liveKeyIds(ctx: Context, tenantId: string): Promise<string[]> {
  const now = Date.now();
  const hit = entries.get(tenantId);
  if (hit && hit.until > now) return hit.ids;
  const ids = liveSigningKeyIds(ctx.database.ownerDb, tenantId);
  const entry = { ids, until: now + STREAM_REVOCATION_MS };
  if (entries.size >= MAX_TENANTS) entries.clear();
  entries.set(tenantId, entry);
  // A failed read is not kept: the next request asks Postgres again.
  ids.catch(() => {
    if (entries.get(tenantId) === entry) entries.delete(tenantId);
  });
  return ids;
}
