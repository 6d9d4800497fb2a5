import { RedisCache } from '../../src/adapters/cache/redis.js';
import { cacheContract } from '../adapters/cache-contract.js';
import { loadServicesEnv } from './services-env.js';

cacheContract(
  'Redis',
  async () => new RedisCache(loadServicesEnv().redisUrl),
  async () => new RedisCache(loadServicesEnv().redisUrl),
);
