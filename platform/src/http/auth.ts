import type { FastifyRequest } from 'fastify';
import {
  apiKeyCaller,
  type Caller,
  operatorCaller,
  uploadTokenCaller,
  viewerCaller,
} from '../app/auth/callers.js';
import type { Context } from '../context.js';
import type { ContractOperation } from '../contract/contract.js';
import { looksLikeApiKey } from '../domain/api-keys.js';
import { unauthorized } from '../domain/errors.js';
import { looksLikeUploadToken } from '../domain/upload-tokens.js';

const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
};

/** Who calls an operation open to anyone with no credential: the public, tenant-less view. */
export const ANONYMOUS: Caller = { tenantId: '' };

/**
 * Checks the caller against the operation's security schemes. Every failure to authenticate is
 * the same 401, whatever the reason; a key or viewer token without the scope is a 403. On an
 * operation that also serves anonymous callers, only a request with no `Authorization` header at
 * all is anonymous: a bad credential is refused, never read as none.
 */
export async function authenticate(
  ctx: Context,
  request: FastifyRequest,
  op: ContractOperation,
): Promise<Caller> {
  const schemes = op.security;
  const secret = bearer(request);
  if (schemes.length === 0) return ANONYMOUS;
  if (op.anonymous && request.headers.authorization === undefined) return ANONYMOUS;
  if (schemes.includes('uploadToken') && looksLikeUploadToken(secret)) {
    return uploadTokenCaller(ctx, secret, {
      uploadId: (request.params as { upload_id?: string }).upload_id,
      origin: request.headers.origin,
    });
  }
  // Both are bearer tokens: an API key is told by its form, anything else may be a viewer's JWT.
  const viewerMayCall = schemes.includes('viewerToken');
  if (schemes.includes('apiKey') && (!viewerMayCall || looksLikeApiKey(secret))) {
    return apiKeyCaller(ctx, secret, op);
  }
  if (schemes.includes('operatorToken')) return operatorCaller(ctx, secret);
  if (viewerMayCall) return viewerCaller(ctx, secret, op);
  throw unauthorized();
}
