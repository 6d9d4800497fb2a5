import { analyticsCases } from '../http/analytics-cases.js';

// The same script with events on Kafka and view claims in Redis.
analyticsCases();
