import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../src/ports/cache.js';
import { until } from '../support/polling.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every Cache adapter must do; run against each one. `peerOf` gives what another process
 * sharing the cache would hold (the same Map in-process, another connection on Redis).
 */
export function cacheContract(
  name: string,
  makeCache: () => Promise<Cache>,
  peerOf: (cache: Cache) => Promise<Cache>,
) {
  describe(`Cache contract: ${name}`, () => {
    it('an announcement reaches the announcer at once and every peer soon after', async () => {
      const cache = await makeCache();
      const peer = await peerOf(cache);
      const channel = `test-${randomUUID()}`;
      let here = 0;
      let there = 0;
      cache.onAnnouncement(channel, () => here++);
      peer.onAnnouncement(channel, () => there++);
      cache.onAnnouncement(`${channel}-other`, () => here++);
      // A subscription is made asynchronously; announce until the peer has heard one.
      await until('the peer to hear an announcement', async () => {
        const before = here;
        await cache.announce(channel);
        expect(here).toBe(before + 1);
        return there > 0;
      });
      await cache.close();
      if (peer !== cache) await peer.close();
    });

    it('loads on a miss, then serves the stored value until invalidated', async () => {
      const cache = await makeCache();
      const key = `test:${randomUUID()}`;
      let loads = 0;
      const load = async () => {
        loads++;
        return { n: loads, at: '2026-01-01T00:00:00.000Z' };
      };
      expect(await cache.getOrLoad(key, 30, load)).toEqual({
        n: 1,
        at: '2026-01-01T00:00:00.000Z',
      });
      expect(await cache.getOrLoad(key, 30, load)).toEqual({
        n: 1,
        at: '2026-01-01T00:00:00.000Z',
      });
      await cache.invalidate(key);
      expect((await cache.getOrLoad(key, 30, load)).n).toBe(2);
      expect(loads).toBe(2);
      await cache.close();
    });

    it('caches a miss (undefined) too, so a missing row is not a query per request', async () => {
      const cache = await makeCache();
      const key = `test:${randomUUID()}`;
      let loads = 0;
      const load = async () => {
        loads++;
        return undefined;
      };
      expect(await cache.getOrLoad(key, 30, load)).toBeUndefined();
      expect(await cache.getOrLoad(key, 30, load)).toBeUndefined();
      expect(loads).toBe(1);
      await cache.close();
    });

    it('revives what it stored', async () => {
      const cache = await makeCache();
      const key = `test:${randomUUID()}`;
      const revive = (stored: unknown) => new Date((stored as { at: string | Date }).at);
      const load = async () => ({ at: new Date('2026-02-03T04:05:06.000Z') });
      await cache.getOrLoad(key, 30, load);
      const again = await cache.getOrLoad(
        key,
        30,
        async () => ({ at: new Date(0) }),
        (stored) => ({ at: revive(stored) }),
      );
      expect(again.at).toBeInstanceOf(Date);
      expect(again.at.toISOString()).toBe('2026-02-03T04:05:06.000Z');
      await cache.close();
    });

    it('loads once when many callers miss the same key at once (stampede mutex)', async () => {
      const cache = await makeCache();
      const key = `test:${randomUUID()}`;
      let loads = 0;
      const load = async () => {
        loads++;
        await sleep(200);
        return 'value';
      };
      const values = await Promise.all(
        Array.from({ length: 20 }, () => cache.getOrLoad(key, 30, load)),
      );
      expect(values.every((v) => v === 'value')).toBe(true);
      expect(loads).toBe(1);
      await cache.close();
    });

    it('expires entries after their TTL', async () => {
      const cache = await makeCache();
      const key = `test:${randomUUID()}`;
      let loads = 0;
      const load = async () => ++loads;
      await cache.getOrLoad(key, 1, load);
      await sleep(1_200);
      expect(await cache.getOrLoad(key, 1, load)).toBe(2);
      await cache.close();
    });

    it('grants a claim once until it expires, even to racing callers', async () => {
      const cache = await makeCache();
      const key = `viewed:${randomUUID()}`;
      const claims = await Promise.all(Array.from({ length: 10 }, () => cache.claimOnce(key, 1)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await cache.claimOnce(key, 1)).toBe(false);
      expect(await cache.claimOnce(`${key}:other`, 1)).toBe(true);
      await sleep(1_200);
      expect(await cache.claimOnce(key, 1)).toBe(true);
      await cache.close();
    });

    it('adds an event’s counts once, however often it is delivered, and hands each sum out once', async () => {
      const cache = await makeCache();
      const a = `likes:${randomUUID()}`;
      const b = `replies:${randomUUID()}`;
      const first = randomUUID();
      expect(await cache.addCounts(first, { [a]: 1, [b]: -1 })).toBe(true);
      // A redelivery of the same event (at-least-once) adds nothing.
      expect(await cache.addCounts(first, { [a]: 1, [b]: -1 })).toBe(false);
      expect(await cache.addCounts(randomUUID(), { [a]: 1 })).toBe(true);
      expect(await cache.addCounts(randomUUID(), { [a]: -1 })).toBe(true);
      const taken = await cache.takeCounts();
      expect(taken[a]).toBe(1);
      expect(taken[b]).toBe(-1);
      const again = await cache.takeCounts();
      expect(again[a]).toBeUndefined();
      expect(again[b]).toBeUndefined();
      await cache.close();
    });

    it('gives returned sums out again, added to what came meanwhile', async () => {
      const cache = await makeCache();
      const name = `subscribers:${randomUUID()}`;
      await cache.addCounts(randomUUID(), { [name]: 1 });
      const taken = await cache.takeCounts();
      await cache.addCounts(randomUUID(), { [name]: 1 });
      await cache.returnCounts(taken);
      expect((await cache.takeCounts())[name]).toBe(2);
      await cache.close();
    });

    it('counts a hot key exactly while peers add and take at the same time', async () => {
      const cache = await makeCache();
      const peer = await peerOf(cache);
      const hot = `likes:${randomUUID()}`;
      let total = 0;
      const takeInto = async (from: Cache) => {
        const taken = await from.takeCounts();
        total += taken[hot] ?? 0;
      };
      // 1,000 events, a tenth of them delivered twice, taken by both peers while they arrive.
      const ids = Array.from({ length: 1000 }, () => randomUUID());
      await Promise.all(
        ids.map(async (id, i) => {
          const by = i % 2 === 0 ? cache : peer;
          await by.addCounts(id, { [hot]: i % 5 === 0 ? -1 : 1 });
          if (i % 10 === 0) await peer.addCounts(id, { [hot]: 1 });
          if (i % 50 === 0) await takeInto(i % 100 === 0 ? cache : peer);
        }),
      );
      await takeInto(cache);
      await takeInto(peer);
      expect(total).toBe(1000 - 2 * 200);
      await cache.close();
      if (peer !== cache) await peer.close();
    });
  });
}
