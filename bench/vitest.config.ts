import { defineConfig } from 'vitest/config';

// The smoke test starts a whole Reel and runs every benchmark once at the smallest sizes.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 240_000 } });
