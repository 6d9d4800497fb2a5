import { uploadTraceCases } from '../ops/upload-trace-cases.js';

// The embedded trace case with events on Kafka: the context rides in each message's headers
// (vitest.services.config.ts sets REEL_TEST_SERVICES=1).
uploadTraceCases('services: Kafka');
