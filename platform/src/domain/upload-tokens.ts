import { ReelError, unauthorized } from './errors.js';
import { checkUrlSignature, signUrl } from './url-signature.js';

const PREFIX = 'reel_ut_';

export interface UploadGrant {
  uploadId: string;
  expires: number;
  /** The one browser origin allowed to use it, if the tenant named one. */
  origin: string | undefined;
}

/**
 * A token that drives one upload and nothing else, for browsers: stateless (an HMAC over the
 * upload id, expiry and allowed origin), so it needs no table and cannot be widened.
 */
export function signUploadToken(secret: string, grant: UploadGrant): string {
  const origin = Buffer.from(grant.origin ?? '').toString('base64url');
  const body = `${grant.uploadId}.${grant.expires}.${origin}`;
  return `${PREFIX}${body}.${signUrl(secret, 'UPLOAD', `${grant.uploadId}/${origin}`, grant.expires)}`;
}

export const looksLikeUploadToken = (token: string) => token.startsWith(PREFIX);

/** The grant in a token, or a 401 for anything forged, malformed or expired. */
export function readUploadToken(
  secret: string,
  token: string,
  nowSec = Math.floor(Date.now() / 1000),
): UploadGrant {
  const [uploadId = '', exp = '', origin = '', sig = ''] = token.slice(PREFIX.length).split('.');
  const expires = Number(exp);
  if (!looksLikeUploadToken(token) || !Number.isInteger(expires)) throw unauthorized();
  const check = checkUrlSignature(secret, 'UPLOAD', `${uploadId}/${origin}`, expires, sig, nowSec);
  if (check === 'expired') {
    // The signature is ours, so saying why leaks nothing; it lived exactly as long as its upload.
    throw new ReelError(
      401,
      'upload_token_expired',
      'The upload token expired with its upload; ask your server for a new upload',
    );
  }
  if (check !== 'valid') throw unauthorized();
  const decoded = Buffer.from(origin, 'base64url').toString('utf8');
  return { uploadId, expires, origin: decoded || undefined };
}
