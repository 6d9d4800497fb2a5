import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { tenantForKey } from '../db/tenants.js';
import { looksLikeApiKey } from '../domain/api-keys.js';
import { unauthorized } from '../domain/errors.js';
import type { Caller } from './operation.js';

const TTL_MS = 10_000;

/**
 * Checks the bearer key. Lookups are cached for a few seconds so hot read paths do not hit the
 * database per request; a revoked key stops working within that window.
 */
export function createAuthenticator(db: Db) {
  const cache = new Map<string, { tenantId: string; until: number }>();
  return async (request: FastifyRequest): Promise<Caller> => {
    const header = request.headers.authorization ?? '';
    const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!looksLikeApiKey(key)) throw unauthorized();
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return { tenantId: hit.tenantId };
    const tenantId = await tenantForKey(db, key);
    if (!tenantId) throw unauthorized();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { tenantId, until: Date.now() + TTL_MS });
    return { tenantId };
  };
}
