import { relatedVideosCases } from '../http/related-videos-cases.js';

// The same HTTP cases with search on OpenSearch and the cache on Redis.
relatedVideosCases();
