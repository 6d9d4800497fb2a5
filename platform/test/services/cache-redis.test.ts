import { randomUUID } from 'node:crypto';
import { RedisCache } from '../../src/adapters/cache/redis.js';
import type { Cache } from '../../src/ports/cache.js';
import { cacheContract } from '../adapters/cache-contract.js';
import { loadServicesEnv } from './services-env.js';

// Pending counts live under a key of their own per cache and its peer, as per deployment.
const countsKeys = new WeakMap<Cache, string>();

cacheContract(
  'Redis',
  async () => {
    const countsKey = `test:counts:${randomUUID()}`;
    const cache = new RedisCache(loadServicesEnv().redisUrl, undefined, countsKey);
    countsKeys.set(cache, countsKey);
    return cache;
  },
  async (cache) => new RedisCache(loadServicesEnv().redisUrl, undefined, countsKeys.get(cache)),
);
