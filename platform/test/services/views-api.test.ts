import { viewCountCases } from '../http/views-cases.js';

// The same cases with events on Kafka, claims in Redis and search on OpenSearch.
viewCountCases();
