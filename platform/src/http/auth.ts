import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ContractOperation } from '../contract/contract.js';
import type { Db } from '../db/connection.js';
import { findLiveKey, touchApiKey } from '../db/tenants.js';
import { findUploadById } from '../db/uploads.js';
import { looksLikeApiKey } from '../domain/api-keys.js';
import { notFound, ReelError, unauthorized } from '../domain/errors.js';
import { type ApiKeyScope, scopeAllows } from '../domain/scopes.js';
import { looksLikeUploadToken, readUploadToken } from '../domain/upload-tokens.js';
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
export function createAuthenticator(
  db: Db,
  operatorToken: string | undefined,
  signingSecret: string,
) {
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

  const uploadToken = async (request: FastifyRequest): Promise<Caller> => {
    const grant = readUploadToken(signingSecret, bearer(request));
    // It drives its own upload only; another upload's id reads as missing.
    if ((request.params as { upload_id?: string }).upload_id !== grant.uploadId)
      throw notFound('Upload');
    const origin = request.headers.origin;
    if (grant.origin && origin && origin !== grant.origin) {
      throw new ReelError(
        403,
        'origin_not_allowed',
        `This upload token works from ${grant.origin} only`,
      );
    }
    const upload = await findUploadById(db, grant.uploadId);
    if (!upload) throw notFound('Upload');
    return { tenantId: upload.tenantId, uploadId: upload.id };
  };

  return async (request: FastifyRequest, op: ContractOperation): Promise<Caller> => {
    const schemes = op.security;
    if (schemes.length === 0) return { tenantId: '' };
    if (schemes.includes('uploadToken') && looksLikeUploadToken(bearer(request)))
      return uploadToken(request);
    if (schemes.includes('apiKey')) return apiKey(request, op);
    if (schemes.includes('operatorToken')) return operator(request);
    if (schemes.includes('viewerToken')) return viewer(request);
    throw unauthorized();
  };
}
