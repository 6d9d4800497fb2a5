import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ContractOperation } from '../contract/contract.js';
import type { Db } from '../db/connection.js';
import { findLiveKey, touchApiKey } from '../db/tenants.js';
import { looksLikeApiKey } from '../domain/api-keys.js';
import { ReelError, unauthorized } from '../domain/errors.js';
import { type ApiKeyScope, scopeAllows } from '../domain/scopes.js';
import type { Caller } from './operation.js';
import { verifyTenantToken } from './tenant-tokens.js';

const TTL_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const keys = new Map<
  string,
  { tenantId: string; keyId: string; scope: ApiKeyScope; until: number }
>();

/** Drops cached keys so a revocation or a suspension takes effect at once in this process. */
export const forgetApiKeys = () => keys.clear();

const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
};

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks the caller against the operation's security scheme. Every failure to authenticate is
 * the same 401, whatever the reason; a key without the scope is a 403. Key lookups are cached
 * for a few seconds so hot read paths skip the database.
 */
export function createAuthenticator(db: Db, operatorToken: string | undefined) {
  const apiKey = async (request: FastifyRequest, op: ContractOperation): Promise<Caller> => {
    const key = bearer(request);
    if (!looksLikeApiKey(key)) throw unauthorized();
    let hit = keys.get(key);
    if (!hit || hit.until < Date.now()) {
      const row = await findLiveKey(db, key);
      if (!row) throw unauthorized();
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        void touchApiKey(db, row.keyId).catch(() => {});
      }
      if (keys.size > 10_000) keys.clear();
      hit = {
        tenantId: row.tenantId,
        keyId: row.keyId,
        scope: row.scope,
        until: Date.now() + TTL_MS,
      };
      keys.set(key, hit);
    }
    if (!scopeAllows(hit.scope, op.method, op.tags)) {
      throw new ReelError(
        403,
        'insufficient_scope',
        `A ${hit.scope} key cannot call ${op.operationId}`,
      );
    }
    return { tenantId: hit.tenantId, keyId: hit.keyId };
  };

  const operator = async (request: FastifyRequest): Promise<Caller> => {
    if (!operatorToken || !sameSecret(bearer(request), operatorToken)) throw unauthorized();
    return { tenantId: '' };
  };

  const viewer = async (request: FastifyRequest): Promise<Caller> => {
    try {
      const { tenantId, claims } = await verifyTenantToken(db, bearer(request));
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.includes('viewer') || typeof claims.sub !== 'string') throw unauthorized();
      const scopes = Array.isArray(claims.scopes) ? claims.scopes.map(String) : [];
      return {
        tenantId,
        viewer: { id: claims.sub, scopes, expiresAt: new Date((claims.exp ?? 0) * 1000) },
      };
    } catch {
      throw unauthorized();
    }
  };

  return async (request: FastifyRequest, op: ContractOperation): Promise<Caller> => {
    if (op.security === 'apiKey') return apiKey(request, op);
    if (op.security === 'operatorToken') return operator(request);
    if (op.security === 'viewerToken') return viewer(request);
    return { tenantId: '' };
  };
}
