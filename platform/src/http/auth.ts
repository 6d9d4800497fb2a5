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
import { unauthorized } from '../domain/errors.js';
import { looksLikeUploadToken } from '../domain/upload-tokens.js';

const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
};

/**
 * Checks the caller against the operation's security schemes. Every failure to authenticate is
 * the same 401, whatever the reason; a key without the scope is a 403.
 */
export async function authenticate(
  ctx: Context,
  request: FastifyRequest,
  op: ContractOperation,
): Promise<Caller> {
  const schemes = op.security;
  const secret = bearer(request);
  if (schemes.length === 0) return { tenantId: '' };
  if (schemes.includes('uploadToken') && looksLikeUploadToken(secret)) {
    return uploadTokenCaller(ctx, secret, {
      uploadId: (request.params as { upload_id?: string }).upload_id,
      origin: request.headers.origin,
    });
  }
  if (schemes.includes('apiKey')) return apiKeyCaller(ctx, secret, op);
  if (schemes.includes('operatorToken')) return operatorCaller(ctx, secret);
  if (schemes.includes('viewerToken')) return viewerCaller(ctx, secret);
  throw unauthorized();
}
