import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServicesEnv, uniqueName } from './services-env.js';

describe('Redis from scripts/services', () => {
  const env = loadServicesEnv();
  const prefix = uniqueName('reel-test');
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('is Redis 7', async () => {
    const info = await redis.info('server');
    expect(info).toMatch(/redis_version:7\./);
  });

  it('stores and reads back a value with an expiry', async () => {
    const key = `${prefix}:video`;
    await redis.set(key, JSON.stringify({ id: 'vid_1', title: 'Hello' }), 'EX', 60);
    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual({ id: 'vid_1', title: 'Hello' });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('counts atomically with INCR across concurrent clients', async () => {
    const key = `${prefix}:views`;
    const other = new Redis(env.redisUrl);
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? redis : other).incr(key)),
      );
    } finally {
      await other.quit();
    }
    expect(await redis.get(key)).toBe('50');
    expect(await redis.incrby(key, 5)).toBe(55);
  });

  it('returns null for a key that was never set', async () => {
    expect(await redis.get(`${prefix}:missing`)).toBeNull();
  });
});
