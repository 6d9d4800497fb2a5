import { searchApiCases } from '../http/search-cases.js';

// The same HTTP cases with search on OpenSearch and the cache on Redis.
searchApiCases();
