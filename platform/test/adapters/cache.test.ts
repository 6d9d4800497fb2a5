import { InProcessCache } from '../../src/adapters/cache/in-process.js';
import { cacheContract } from './cache-contract.js';

cacheContract(
  'in-process',
  async () => new InProcessCache(),
  async (cache) => cache,
);
