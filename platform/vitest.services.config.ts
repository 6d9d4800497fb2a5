import { defineConfig } from 'vitest/config';

// The suite that talks to the real Redis, Kafka, OpenSearch and MinIO started by
// scripts/services/up. Kept apart from the default suite, which needs none of them.
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    // A real Postgres for the Reel processes these tests start; the harness adds the services.
    globalSetup: ['test/support/global-setup.ts'],
    env: { REEL_TEST_SERVICES: '1' },
    // Kafka group joins and OpenSearch index creation take seconds on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // The services are shared; one file at a time keeps the machine's two cores for them.
    fileParallelism: false,
  },
});
