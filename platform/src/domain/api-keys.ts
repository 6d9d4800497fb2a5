import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'reel_sk_';

/** A new secret API key: a recognisable prefix and 32 random bytes. Shown once. */
export function newApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are stored only as this hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export const looksLikeApiKey = (key: string) =>
  key.startsWith(PREFIX) && key.length === PREFIX.length + 43;
