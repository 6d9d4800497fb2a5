#!/usr/bin/env node
// Runs the TypeScript CLI directly: no build step between a checkout and `npx reel`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
