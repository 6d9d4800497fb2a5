import { defineConfig } from 'vitest/config';

// The suite that talks to the real Redis, Kafka, OpenSearch and MinIO started by
// scripts/services/up. Kept apart from the default suite, which needs none of them.
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    // Kafka group joins and OpenSearch index creation take seconds on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The services are shared; one file at a time keeps the machine's two cores for them.
    fileParallelism: false,
  },
});
