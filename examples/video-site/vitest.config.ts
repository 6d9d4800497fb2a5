import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The journey starts a whole Reel, the site and Chromium, and transcodes a clip.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
