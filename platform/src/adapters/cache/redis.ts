import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Cache } from '../../ports/cache.js';

/** Redis answers in well under a millisecond; past this the API stops waiting and asks Postgres. */
const COMMAND_TIMEOUT_MS = 250;
/** How long a loader may hold a key's mutex before another process loads anyway. */
const LOCK_MS = 3_000;
const WAIT_STEP_MS = 25;
/** A request waits at most this long for a connection being made before asking Postgres. */
const CONNECT_WAIT_MS = 300;
/** Waiters poll this long for the lock holder's value, then load themselves. */
const MAX_WAIT_MS = 1_000;

/** Deletes the lock only if it is still ours (a slow loader's lock may have expired). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

const ANNOUNCE_PREFIX = 'reel:announce:';

/**
 * How long a counted event id is remembered. Redeliveries come within a lease or a handler's
 * retries (seconds), and Kafka delivery is also deduped per group in Postgres; ten minutes keeps
 * Redis at about 60 MB per 1,000 counted events a second.
 */
const COUNTED_EVENT_TTL_SEC = 10 * 60;

/** Marks the event counted and adds its deltas in one step, unless it was counted already. */
const ADD_COUNTS = `if not redis.call('set', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 2, #ARGV, 2 do redis.call('hincrby', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1`;
/** Reads and clears the pending sums in one step, so two takers never get the same delta. */
const TAKE_COUNTS = `local all = redis.call('hgetall', KEYS[1]) redis.call('del', KEYS[1]) return all`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cache-aside on Redis with a per-key mutex (`SET lock NX PX`) against stampedes. Every
 * command has a short timeout and no offline queue: while Redis is down or restarting, each call
 * fails fast and falls back to the loader, and the client reconnects in the background.
 */
export class RedisCache implements Cache {
  readonly name = 'redis';
  private readonly redis: Redis;
  private readonly url: string;
  private readonly listeners = new Map<string, (() => void)[]>();
  /** Tags this instance's announcements, which it has already dispatched itself. */
  private readonly instanceId = randomUUID();
  /** A connection in subscriber mode, opened with the first listener. */
  private subscriber: Redis | undefined;

  /**
   * `countsKey` names the hash of pending counter deltas: one per deployment, so deployments
   * (or test runs) sharing a Redis never take each other's deltas.
   */
  constructor(
    url: string,
    onError: (error: Error) => void = () => {},
    private readonly countsKey = 'reel:counts',
  ) {
    this.url = url;
    this.redis = new Redis(url, {
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 1_000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    // Every request waiting on a reconnect listens for 'ready' for a moment.
    this.redis.setMaxListeners(0);
    let lastLogged = 0;
    // ioredis emits an error per failed reconnect; one line every 30 s is enough.
    this.redis.on('error', (error: Error) => {
      if (Date.now() - lastLogged > 30_000) {
        lastLogged = Date.now();
        onError(error);
      }
    });
  }

  /**
   * Waits briefly for a connection still being made (at startup, or right after Redis came
   * back); without an offline queue a command sent before then would fail.
   */
  private connected(): Promise<boolean> {
    if (this.redis.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), CONNECT_WAIT_MS);
      this.redis.once('ready', onReady);
    });
  }

  private async read<T>(key: string, revive?: (stored: unknown) => T) {
    const raw = await this.redis.get(key);
    if (raw === null) return { hit: false as const };
    const stored = (JSON.parse(raw) as { v?: unknown }).v;
    return { hit: true as const, value: revive ? revive(stored) : (stored as T) };
  }

  /** Runs a Redis command; undefined when Redis is down, slow or returns something unreadable. */
  private async attempt<R>(command: () => Promise<R>): Promise<R | undefined> {
    try {
      if (this.redis.status !== 'ready' && !(await this.connected())) return undefined;
      return await command();
    } catch {
      return undefined;
    }
  }

  async getOrLoad<T>(
    key: string,
    ttlSec: number,
    load: () => Promise<T>,
    revive?: (stored: unknown) => T,
  ): Promise<T> {
    const first = await this.attempt(() => this.read(key, revive));
    if (!first) return load();
    if (first.hit) return first.value;
    const token = randomUUID();
    const lockKey = `lock:${key}`;
    const locked = await this.attempt(() => this.redis.set(lockKey, token, 'PX', LOCK_MS, 'NX'));
    if (locked === undefined) return load();
    if (locked !== 'OK') {
      // Another caller is loading this key: wait briefly for its value rather than query too.
      for (let waited = 0; waited < MAX_WAIT_MS; waited += WAIT_STEP_MS) {
        await sleep(WAIT_STEP_MS);
        const later = await this.attempt(() => this.read(key, revive));
        if (!later) break;
        if (later.hit) return later.value;
      }
      return load();
    }
    try {
      const value = await load();
      // `{v: undefined}` stores a miss too, so a missing video is not a query per request.
      await this.attempt(() => this.redis.set(key, JSON.stringify({ v: value }), 'EX', ttlSec));
      return value;
    } finally {
      await this.attempt(() => this.redis.eval(RELEASE, 1, lockKey, token));
    }
  }

  async invalidate(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.attempt(() => this.redis.del(...keys));
  }

  async announce(channel: string): Promise<void> {
    this.dispatch(channel);
    await this.attempt(() => this.redis.publish(`${ANNOUNCE_PREFIX}${channel}`, this.instanceId));
  }

  onAnnouncement(channel: string, listener: () => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    if (!this.subscriber) {
      // Subscriptions are remade by ioredis after every reconnect.
      this.subscriber = new Redis(this.url, {
        retryStrategy: (times) => Math.min(times * 100, 1_000),
      });
      this.subscriber.on('error', () => {});
      this.subscriber.on('message', (from: string, sender: string) => {
        if (sender !== this.instanceId && from.startsWith(ANNOUNCE_PREFIX)) {
          this.dispatch(from.slice(ANNOUNCE_PREFIX.length));
        }
      });
    }
    void this.subscriber.subscribe(`${ANNOUNCE_PREFIX}${channel}`).catch(() => {});
  }

  private dispatch(channel: string) {
    for (const listener of this.listeners.get(channel) ?? []) listener();
  }

  claimOnce(key: string, ttlSec: number): Promise<boolean | undefined> {
    return this.attempt(async () => (await this.redis.set(key, '1', 'EX', ttlSec, 'NX')) === 'OK');
  }

  /** Counter writes must not be lost silently: they throw instead of falling back. */
  private async ready(): Promise<void> {
    if (this.redis.status !== 'ready' && !(await this.connected())) {
      throw new Error(`redis is not reachable (${this.redis.status})`);
    }
  }

  async addCounts(eventId: string, counts: Readonly<Record<string, number>>): Promise<boolean> {
    await this.ready();
    const deltas = Object.entries(counts).flatMap(([name, delta]) => [name, String(delta)]);
    const added = await this.redis.eval(
      ADD_COUNTS,
      2,
      `reel:counted:${eventId}`,
      this.countsKey,
      COUNTED_EVENT_TTL_SEC,
      ...deltas,
    );
    return added === 1;
  }

  async takeCounts(): Promise<Record<string, number>> {
    await this.ready();
    const flat = (await this.redis.eval(TAKE_COUNTS, 1, this.countsKey)) as string[];
    const taken: Record<string, number> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const delta = Number(flat[i + 1]);
      if (delta !== 0) taken[flat[i] as string] = delta;
    }
    return taken;
  }

  async returnCounts(counts: Readonly<Record<string, number>>): Promise<void> {
    const entries = Object.entries(counts);
    if (entries.length === 0) return;
    await this.ready();
    const pipeline = this.redis.pipeline();
    for (const [name, delta] of entries) pipeline.hincrby(this.countsKey, name, delta);
    await pipeline.exec();
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.redis.disconnect();
  }
}
