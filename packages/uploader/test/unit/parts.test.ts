import { describe, expect, it } from 'vitest';
import { backoffDelays, partCountOf, partSizeOf, SignedUrlCache } from '../../src/parts.js';

const MiB = 1024 * 1024;

describe('part sizes', () => {
  it('gives every part the part size and the last one the rest', () => {
    const size = 30 * MiB + 123;
    expect(partCountOf(size, 8 * MiB)).toBe(4);
    expect(partSizeOf(size, 8 * MiB, 1)).toBe(8 * MiB);
    expect(partSizeOf(size, 8 * MiB, 4)).toBe(6 * MiB + 123);
    expect(partCountOf(100, 8 * MiB)).toBe(1);
    expect(partSizeOf(100, 8 * MiB, 1)).toBe(100);
    expect(() => partSizeOf(size, 8 * MiB, 5)).toThrow(RangeError);
  });
});

describe('SignedUrlCache', () => {
  const at = (seconds: number) => new Date(seconds * 1000).toISOString();
  const part = (n: number, expires: number) => ({
    part_number: n,
    url: `u${n}`,
    method: 'PUT' as const,
    expires_at: at(expires),
  });

  it('keeps a URL until the margin before it expires, then asks for a new one', () => {
    const cache = new SignedUrlCache({ marginMs: 10_000 });
    cache.add([part(1, 100)]);
    expect(cache.get(1, 50_000)).toBe('u1');
    expect(cache.get(1, 95_000)).toBeUndefined();
    expect(cache.get(1, 0)).toBeUndefined(); // dropped once expired
  });

  it('drops a URL the store refused, by URL', () => {
    const cache = new SignedUrlCache();
    cache.add([part(1, 1e10), part(2, 1e10)]);
    cache.dropUrl('u2');
    expect(cache.get(1)).toBe('u1');
    expect(cache.get(2)).toBeUndefined();
  });

  it('signs ahead in batches, skipping stored parts and parts with good URLs', () => {
    const cache = new SignedUrlCache();
    cache.add([part(3, 1e10)]);
    expect(cache.batchFrom(1, 10, new Set([2]), 4)).toEqual([1, 4, 5, 6]);
    expect(cache.batchFrom(9, 10, new Set(), 4)).toEqual([9, 10]);
  });
});

describe('backoffDelays', () => {
  it('starts at once, then grows exponentially with jitter, capped', () => {
    expect(backoffDelays(5, { random: () => 1 })).toEqual([0, 500, 1000, 2000, 4000]);
    expect(backoffDelays(3, { random: () => 0 })).toEqual([0, 250, 500]);
    expect(Math.max(...backoffDelays(20, { random: () => 1 }))).toBe(15_000);
  });
});
