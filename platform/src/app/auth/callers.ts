import { timingSafeEqual } from 'node:crypto';
import type { Context } from '../../context.js';
import { findLiveKey, touchApiKey } from '../../db/tenants.js';
import { findUploadById } from '../../db/uploads.js';
import { looksLikeApiKey } from '../../domain/api-keys.js';
import { notFound, ReelError, unauthorized } from '../../domain/errors.js';
import { type ApiKeyScope, scopeAllows } from '../../domain/scopes.js';
import { readUploadToken } from '../../domain/upload-tokens.js';
import { verifyTenantToken } from './tenant-tokens.js';

/** Who is calling, once the credential checked out ('' tenant for operators and public routes). */
export interface Caller {
  tenantId: string;
  keyId?: string;
  /** Set when an upload token authenticated the call: the one upload it may drive. */
  uploadId?: string;
  viewer?: { id: string; scopes: string[]; expiresAt: Date };
}

const TOUCH_EVERY_MS = 60_000;

type LiveKey = { tenantId: string; keyId: string; scope: ApiKeyScope } | undefined;

/** A live API key's tenant, if its scope allows `method` on an operation with these tags. */
export async function apiKeyCaller(
  ctx: Context,
  secret: string,
  operation: { operationId: string; method: string; tags: string[] },
): Promise<Caller> {
  if (!looksLikeApiKey(secret)) throw unauthorized();
  const key = await ctx.credentials.remember<LiveKey>(`api-key:${secret}`, async () => {
    const row = await findLiveKey(ctx.database.db, secret);
    if (!row) return undefined;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      void touchApiKey(ctx.database.db, row.keyId).catch(() => {});
    }
    return { tenantId: row.tenantId, keyId: row.keyId, scope: row.scope };
  });
  if (!key) throw unauthorized();
  if (!scopeAllows(key.scope, operation.method, operation.tags)) {
    throw new ReelError(
      403,
      'insufficient_scope',
      `A ${key.scope} key cannot call ${operation.operationId}`,
    );
  }
  return { tenantId: key.tenantId, keyId: key.keyId };
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function operatorCaller(ctx: Context, secret: string): Caller {
  const expected = ctx.config.operatorToken;
  if (!expected || !sameSecret(secret, expected)) throw unauthorized();
  return { tenantId: '' };
}

/**
 * A viewer token (`aud: viewer`) a tenant's server signed for one of its users. A token that
 * names `scopes` may call only operations that need no more than those; one without may call all.
 */
export async function viewerCaller(
  ctx: Context,
  token: string,
  operation: { operationId: string; viewerScopes: string[] },
): Promise<Caller> {
  const viewer = await verifiedViewer(ctx, token);
  const granted = viewer.viewer.scopes;
  const missing = operation.viewerScopes.filter((s) => !granted.includes(s));
  if (granted.length > 0 && missing.length > 0) {
    throw new ReelError(
      403,
      'insufficient_scope',
      `This viewer token lacks the scope ${missing.join(', ')} that ${operation.operationId} needs`,
      { missing_scopes: missing },
    );
  }
  return viewer;
}

async function verifiedViewer(ctx: Context, token: string) {
  try {
    const { tenantId, claims } = await verifyTenantToken(ctx, token);
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
}

/** An upload token drives its own upload only, from its own origin if it names one. */
export async function uploadTokenCaller(
  ctx: Context,
  token: string,
  request: { uploadId: string | undefined; origin: string | undefined },
): Promise<Caller> {
  const grant = readUploadToken(ctx.config.urlSigningSecret, token);
  // Another upload's id reads as missing.
  if (request.uploadId !== grant.uploadId) throw notFound('Upload');
  if (grant.origin && request.origin && request.origin !== grant.origin) {
    throw new ReelError(
      403,
      'origin_not_allowed',
      `This upload token works from ${grant.origin} only`,
    );
  }
  const upload = await findUploadById(ctx.database.db, grant.uploadId);
  if (!upload) throw notFound('Upload');
  return { tenantId: upload.tenantId, uploadId: upload.id };
}
