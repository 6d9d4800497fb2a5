import { takedownCases } from '../http/takedown-cases.js';

// The same takedown checks over Kafka, S3, Redis and OpenSearch: the video cache lives in Redis.
takedownCases();
