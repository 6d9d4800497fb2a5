import { viewCountCases } from './views-cases.js';

// On the embedded defaults: the Postgres queue, in-process cache, Postgres full-text search.
viewCountCases();
