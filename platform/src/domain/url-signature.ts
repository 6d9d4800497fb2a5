import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the method, path and expiry; base64url, 43 characters. */
export function signUrl(secret: string, method: string, path: string, expires: number): string {
  return createHmac('sha256', secret).update(`${method}\n${path}\n${expires}`).digest('base64url');
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

export function checkUrlSignature(
  secret: string,
  method: string,
  path: string,
  expires: number,
  signature: string,
  nowSec = Math.floor(Date.now() / 1000),
): SignatureCheck {
  const expected = Buffer.from(signUrl(secret, method, path, expires));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return expires < nowSec ? 'expired' : 'valid';
}
