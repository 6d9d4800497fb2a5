// Exported as TypeScript source: vitest runs it as is, so the package needs no build step.
export * from './debian-chromium.js';
export * from './example-server.js';
export * from './object-store-mode.js';
export * from './reel-dev-server.js';
export * from './static-server.js';
