import type { Cache } from '../../ports/cache.js';

/** Other processes cannot invalidate this cache, so nothing stays in it longer than this. */
const MAX_TTL_SEC = 5;
const MAX_ENTRIES = 50_000;
/** The embedded bus redelivers after a lapsed lease (seconds), so ten minutes is plenty. */
const COUNTED_EVENT_TTL_MS = 10 * 60_000;
/** Event ids remembered at most; past this the oldest go first (reconciliation covers them). */
const MAX_COUNTED_EVENTS = 200_000;

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
  /** Deltas not yet applied to Postgres; gone with the process, which reconciliation repairs. */
  private pending = new Map<string, number>();
  /** Event ids already counted → until when; one TTL, so insertion order is expiry order. */
  private readonly countedEvents = new Map<string, number>();

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

  async addCounts(eventId: string, counts: Readonly<Record<string, number>>): Promise<boolean> {
    const now = Date.now();
    for (const [oldest, until] of this.countedEvents) {
      if (until > now && this.countedEvents.size < MAX_COUNTED_EVENTS) break;
      this.countedEvents.delete(oldest);
    }
    const seen = this.countedEvents.get(eventId);
    if (seen !== undefined && seen > now) return false;
    this.countedEvents.set(eventId, now + COUNTED_EVENT_TTL_MS);
    await this.returnCounts(counts);
    return true;
  }

  async takeCounts(): Promise<Record<string, number>> {
    const taken = Object.fromEntries(this.pending);
    this.pending = new Map();
    return taken;
  }

  async returnCounts(counts: Readonly<Record<string, number>>): Promise<void> {
    for (const [name, delta] of Object.entries(counts)) {
      const sum = (this.pending.get(name) ?? 0) + delta;
      if (sum === 0) this.pending.delete(name);
      else this.pending.set(name, sum);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
