import { decodeProtectedHeader, errors, importSPKI, type JWTPayload, jwtVerify } from 'jose';
import type { Db } from '../db/connection.js';
import { findVerificationKey } from '../db/signing-keys.js';

export type TokenProblem = 'invalid' | 'expired';

export class TenantTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`tenant token ${problem}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TTL_MS = 5_000;
const keys = new Map<string, { key: Awaited<ReturnType<typeof load>>; until: number }>();

async function load(db: Db, kid: string) {
  const row = await findVerificationKey(db, kid);
  if (!row) return undefined;
  return {
    tenantId: row.tenantId,
    algorithm: row.algorithm,
    key: await importSPKI(row.publicKey, row.algorithm),
  };
}

/**
 * Tokens already verified, for a few seconds: players send the same token with every
 * manifest and thumbnail request, and an ES256 check costs more than the rest of the request.
 */
type VerifiedToken = { tenantId: string; claims: JWTPayload };
const verified = new Map<string, { result: VerifiedToken; until: number }>();

/** Drops cached keys and tokens so a deletion or a suspension takes effect at once in this process. */
export const forgetSigningKeys = () => {
  keys.clear();
  verified.clear();
};

/**
 * Verifies a JWT a tenant signed with one of its signing keys (header `kid`), with that key's
 * own algorithm only: `alg: none`, HMAC algorithms and key confusion are refused.
 */
export async function verifyTenantToken(db: Db, token: string): Promise<VerifiedToken> {
  const hit = verified.get(token);
  if (hit && hit.until > Date.now()) return hit.result;
  const result = await verifyUncached(db, token);
  if (verified.size > 10_000) verified.clear();
  verified.set(token, {
    result,
    until: Math.min(Date.now() + TTL_MS, (result.claims.exp ?? 0) * 1000),
  });
  return result;
}

async function verifyUncached(db: Db, token: string): Promise<VerifiedToken> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new TenantTokenError('invalid');
  }
  if (!kid || !UUID.test(kid)) throw new TenantTokenError('invalid');
  let hit = keys.get(kid);
  if (!hit || hit.until < Date.now()) {
    hit = { key: await load(db, kid), until: Date.now() + TTL_MS };
    if (keys.size > 10_000) keys.clear();
    keys.set(kid, hit);
  }
  const found = hit.key;
  if (!found) throw new TenantTokenError('invalid');
  try {
    const { payload } = await jwtVerify(token, found.key, {
      algorithms: [found.algorithm],
      requiredClaims: ['exp'],
    });
    return { tenantId: found.tenantId, claims: payload };
  } catch (error) {
    throw new TenantTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
}
