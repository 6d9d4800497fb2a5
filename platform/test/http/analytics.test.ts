import { analyticsCases } from './analytics-cases.js';

// Events on the embedded Postgres queue.
analyticsCases();
