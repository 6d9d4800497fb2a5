import type { Cache } from '../../ports/cache.js';
import type { Metrics } from '../../ports/metrics.js';

/** Any cache, counting its cache-aside reads as hits or misses by key prefix (`video:…`). */
export class MeasuredCache implements Cache {
  readonly name: string;

  constructor(
    private readonly inner: Cache,
    private readonly metrics: Metrics,
  ) {
    this.name = inner.name;
  }

  async getOrLoad<T>(
    key: string,
    ttlSec: number,
    load: () => Promise<T>,
    revive?: (stored: unknown) => T,
  ): Promise<T> {
    let missed = false;
    const value = await this.inner.getOrLoad(
      key,
      ttlSec,
      () => {
        missed = true;
        return load();
      },
      revive,
    );
    this.metrics.countCacheLookup(key.slice(0, Math.max(0, key.indexOf(':'))) || key, !missed);
    return value;
  }

  invalidate(...keys: string[]) {
    return this.inner.invalidate(...keys);
  }
  claimOnce(key: string, ttlSec: number) {
    return this.inner.claimOnce(key, ttlSec);
  }
  announce(channel: string) {
    return this.inner.announce(channel);
  }
  onAnnouncement(channel: string, listener: () => void) {
    this.inner.onAnnouncement(channel, listener);
  }
  addCounts(eventId: string, counts: Readonly<Record<string, number>>) {
    return this.inner.addCounts(eventId, counts);
  }
  takeCounts() {
    return this.inner.takeCounts();
  }
  returnCounts(counts: Readonly<Record<string, number>>) {
    return this.inner.returnCounts(counts);
  }
  close() {
    return this.inner.close();
  }
}
