import { uploadToPlaybackCases } from '../e2e/upload-to-playback-cases.js';

// The same cases as the embedded e2e, with objects on MinIO, events on Kafka, the cache on
// Redis and search on OpenSearch (vitest.services.config.ts sets REEL_TEST_SERVICES=1).
uploadToPlaybackCases();
