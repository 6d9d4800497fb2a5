import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/services/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Files share one Postgres and a 2-core machine: transcodes run best one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
