import { defineConfig } from 'vitest/config';

// Each test builds the site (about 20 s on two cores).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 300_000 } });
