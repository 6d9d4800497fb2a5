import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const PREFIX = 'reel_sk_';
const BODY = 43;
const KEY = new RegExp(`^${PREFIX}([A-Za-z0-9_-]{${BODY}})([0-9a-f]{8})$`);

const checksum = (body: string) => crc32(body).toString(16).padStart(8, '0');

/**
 * A new secret API key: a prefix secret scanners can match, 32 random bytes, and a CRC32 of
 * them, so a leaked key is told from noise without a database lookup. Shown once.
 */
export function newApiKey(): string {
  const body = randomBytes(32).toString('base64url');
  return `${PREFIX}${body}${checksum(body)}`;
}

/** Keys are stored only as this hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether a string is a well-formed key with a valid checksum (not whether it exists). */
export function looksLikeApiKey(key: string): boolean {
  const match = KEY.exec(key);
  return Boolean(match?.[1] && match[2] === checksum(match[1]));
}

/** The part of a key shown in lists. */
export const keyPrefix = (key: string) => key.slice(0, PREFIX.length + 6);
