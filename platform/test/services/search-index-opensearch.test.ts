import { inject } from 'vitest';
import { OpenSearchIndex } from '../../src/adapters/search-index/opensearch.js';
import { openDatabase } from '../../src/db/connection.js';
import { searchIndexContract } from '../adapters/search-index-contract.js';
import { searchIndexFixtureOnVideos } from '../adapters/search-index-videos.js';
import { loadServicesEnv, uniqueName } from './services-env.js';

searchIndexContract('OpenSearch', async () => {
  const database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  const index = new OpenSearchIndex(
    loadServicesEnv().opensearchUrl,
    uniqueName('reel-test-videos'),
    uniqueName('reel-test-channels'),
  );
  return searchIndexFixtureOnVideos(database, index, () => index.refresh());
});
