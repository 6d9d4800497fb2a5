import { S3Store } from '../../src/adapters/object-store/s3.js';
import { objectStoreContract } from '../adapters/object-store-contract.js';
import { loadServicesEnv } from './services-env.js';

objectStoreContract('S3 (MinIO)', async () => {
  const env = loadServicesEnv();
  const store = new S3Store({ ...env.s3, abandonedUploadDays: 2 });
  await store.prepareBucket();
  return store;
});
