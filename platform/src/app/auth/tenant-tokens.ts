import { decodeProtectedHeader, errors, importSPKI, type JWTPayload, jwtVerify } from 'jose';
import type { Context } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { findVerificationKey } from '../../db/signing-keys.js';
import { isUuid } from '../../domain/uuid.js';

export type TokenProblem = 'invalid' | 'expired';

export class TenantTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`tenant token ${problem}`);
  }
}

async function load(db: Db, kid: string) {
  const row = await findVerificationKey(db, kid);
  if (!row) return undefined;
  return {
    tenantId: row.tenantId,
    algorithm: row.algorithm,
    key: await importSPKI(row.publicKey, row.algorithm),
  };
}

type VerifiedToken = { tenantId: string; claims: JWTPayload };

/**
 * Verifies a JWT a tenant signed with one of its signing keys (header `kid`), with that key's
 * own algorithm only: `alg: none`, HMAC algorithms and key confusion are refused. Verified
 * tokens are remembered for a few seconds (never past their `exp`): players send the same token
 * with every manifest and thumbnail request, and an ES256 check costs more than the rest.
 */
export function verifyTenantToken(ctx: Context, token: string): Promise<VerifiedToken> {
  return ctx.credentials.remember(
    `token:${token}`,
    () => verifyUncached(ctx, token),
    (result) => (result.claims.exp ?? 0) * 1000,
  );
}

async function verifyUncached(ctx: Context, token: string): Promise<VerifiedToken> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new TenantTokenError('invalid');
  }
  if (!kid || !isUuid(kid)) throw new TenantTokenError('invalid');
  const found = await ctx.credentials.remember(`signing-key:${kid}`, () =>
    load(ctx.database.db, kid),
  );
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
