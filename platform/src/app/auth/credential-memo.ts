import type { Cache } from '../../ports/cache.js';

/** How long a process may remember a credential when a revocation's announcement is lost. */
export const CREDENTIAL_MEMORY_MS = 5_000;

/** Announced on the Cache port whenever a credential stops working anywhere. */
export const CREDENTIALS_CHANNEL = 'credentials';

/**
 * What this process remembers of credentials (API keys, signing keys, verified tokens, live key
 * lists) for a few seconds, since every request asks. It belongs to one Context, not to a
 * module, and empties itself on every `credentials` announcement: at once in this process, and
 * within a Redis round trip on every replica in services mode. `ttlMs` bounds it when an
 * announcement is lost.
 */
export class CredentialMemo {
  private readonly entries = new Map<string, { value: Promise<unknown>; until: number }>();

  constructor(
    cache: Cache,
    private readonly ttlMs = CREDENTIAL_MEMORY_MS,
    private readonly maxEntries = 20_000,
  ) {
    cache.onAnnouncement(CREDENTIALS_CHANNEL, () => this.entries.clear());
  }

  /**
   * The value under `key`, else `load()`'s, kept until `ttlMs` (or `untilMs`, if sooner) from
   * when the load started, so a load racing a revocation still lapses in time. Concurrent misses
   * share one load; a failed load is not kept.
   */
  remember<T>(key: string, load: () => Promise<T>, untilMs?: (value: T) => number): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    const value = load();
    const entry = { value: value as Promise<unknown>, until: now + this.ttlMs };
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, entry);
    value.then(
      (loaded) => {
        if (untilMs) entry.until = Math.min(entry.until, untilMs(loaded));
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }
}

/** After a key is revoked or deleted, or a tenant suspended: every replica forgets at once. */
export const forgetCredentials = (cache: Cache) => cache.announce(CREDENTIALS_CHANNEL);
