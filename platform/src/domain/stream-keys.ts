import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'reel_live_';

/** A new stream key: a prefix secret scanners can match and 32 random bytes. Shown once. */
export const newStreamKey = () => `${PREFIX}${randomBytes(32).toString('base64url')}`;

/** Stream keys are stored only as this hash. */
export const hashStreamKey = (key: string) => createHash('sha256').update(key).digest('hex');
