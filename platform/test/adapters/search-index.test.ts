import { inject } from 'vitest';
import { PostgresSearchIndex } from '../../src/adapters/search-index/postgres.js';
import { openDatabase } from '../../src/db/connection.js';
import { searchIndexContract } from './search-index-contract.js';
import { searchIndexFixtureOnVideos } from './search-index-videos.js';

searchIndexContract('postgres full-text search', async () => {
  const database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  return searchIndexFixtureOnVideos(database, new PostgresSearchIndex(database.db));
});
