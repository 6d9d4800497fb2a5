/**
 * A shared cache and counters: in-process on one machine, Redis when scaled out. A cache is an
 * optimisation only: when it fails, reads go to the loader (Postgres) and the API keeps answering.
 */
export interface Cache {
  readonly name: string;
  /**
   * Cache-aside: the value under `key`, else `load()` stored for `ttlSec`. Concurrent misses of one
   * key load once (a stampede mutex), so a popular video's expiry costs one query, not hundreds.
   * Values are JSON; `revive` turns what was stored back into the loader's type.
   */
  getOrLoad<T>(
    key: string,
    ttlSec: number,
    load: () => Promise<T>,
    revive?: (stored: unknown) => T,
  ): Promise<T>;
  /** Drops keys after the change they describe committed. Never throws. */
  invalidate(...keys: string[]): Promise<void>;
  /**
   * True for the first claim of `key` in `ttlSec`, false for the next ones (one view per viewer
   * per half hour); undefined when the cache is unreachable.
   */
  claimOnce(key: string, ttlSec: number): Promise<boolean | undefined>;
  /**
   * Tells every process sharing this cache, this one at once, that what `channel` names changed
   * (a key revoked, a tenant suspended), so they drop what they remember of it. Never throws;
   * an announcement lost to an outage is covered by the memories' own short lifetimes.
   */
  announce(channel: string): Promise<void>;
  /** Runs `listener` on each announcement of `channel`, from any process. */
  onAnnouncement(channel: string, listener: () => void): void;
  /**
   * Adds each delta of `counts` (counter name → delta) to the pending sums, once per `eventId`:
   * a redelivered event adds nothing and answers false. All or nothing. Unlike the cache calls
   * it throws when the store is unreachable, so the event is delivered again.
   */
  addCounts(eventId: string, counts: Readonly<Record<string, number>>): Promise<boolean>;
  /**
   * Takes every pending sum and clears it in one step: whatever one taker gets, no other
   * process sharing the store gets too. Throws when the store is unreachable.
   */
  takeCounts(): Promise<Record<string, number>>;
  /** Puts sums that could not be applied back, to be taken again. */
  returnCounts(counts: Readonly<Record<string, number>>): Promise<void>;
  close(): Promise<void>;
}
