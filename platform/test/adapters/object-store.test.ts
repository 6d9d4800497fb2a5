import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStore } from '../../src/adapters/object-store/local-disk.js';
import { objectStoreContract } from './object-store-contract.js';

objectStoreContract('local disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'reel-objects-'));
  return new LocalDiskStore(root, 'http://127.0.0.1:1', 'secret');
});
