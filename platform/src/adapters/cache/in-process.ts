import type { Cache } from '../../ports/cache.js';

/** Other processes cannot invalidate this cache, so nothing stays in it longer than this. */
const MAX_TTL_SEC = 5;
const MAX_ENTRIES = 50_000;

/**
 * The embedded cache: a Map in this process. Entries live at most a few seconds because an
 * update made by another process (a worker) cannot reach this Map to invalidate it.
 */
export class InProcessCache implements Cache {
  readonly name = 'in-process';
  private readonly entries = new Map<string, { value: unknown; until: number }>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly claims = new Map<string, number>();
  private readonly listeners = new Map<string, (() => void)[]>();

  async getOrLoad<T>(key: string, ttlSec: number, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const loading = load()
      .then((value) => {
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(key, {
          value,
          until: Date.now() + Math.min(ttlSec, MAX_TTL_SEC) * 1000,
        });
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loading);
    return loading;
  }

  async announce(channel: string): Promise<void> {
    for (const listener of this.listeners.get(channel) ?? []) listener();
  }

  onAnnouncement(channel: string, listener: () => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }

  async invalidate(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async claimOnce(key: string, ttlSec: number): Promise<boolean> {
    const now = Date.now();
    const until = this.claims.get(key);
    if (until !== undefined && until > now) return false;
    if (this.claims.size >= MAX_ENTRIES) {
      for (const [claimed, expiry] of this.claims) if (expiry <= now) this.claims.delete(claimed);
      // Still full of live claims: forget them all rather than grow without bound.
      if (this.claims.size >= MAX_ENTRIES) this.claims.clear();
    }
    this.claims.set(key, now + ttlSec * 1000);
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
