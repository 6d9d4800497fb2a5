import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite starts a whole Reel and transcodes a clip on a shared machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
