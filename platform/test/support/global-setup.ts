import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}

/** One real PostgreSQL for the whole run; each test file makes its own tenants in it. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'reel-test-'));
  const { server: pg, urlOf } = await startTestPostgres(dir, { persistent: false });
  project.provide('databaseUrl', urlOf('reel'));
  project.provide('dataDir', join(dir, 'data'));
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
