import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from './connection.js';
import { retryingTransactions } from './retrying-transactions.js';

/**
 * A database handle for one tenant's request. Its queries run as `reel_app` with
 * `reel.tenant_id` set, so row-level security limits them to that tenant even where a query
 * forgets its filter. The connection is taken on the first query only: requests answered from
 * the cache cost nothing.
 */
export function openTenantSession(pool: pg.Pool, tenantId: string) {
  let connecting: Promise<pg.PoolClient> | undefined;
  const connect = () => {
    connecting ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query(
          "select set_config('role', 'reel_app', false), set_config('reel.tenant_id', $1, false)",
          [tenantId],
        );
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return client;
    })();
    return connecting;
  };
  // drizzle treats anything that is not a Pool as one connection: transactions stay on it.
  const lazyClient = {
    query: (...args: unknown[]) =>
      connect().then((client) => (client.query as (...a: unknown[]) => Promise<unknown>)(...args)),
  };
  let db: Db | undefined;
  return {
    /** Built on first use: an answer from the cache builds no drizzle instance either. */
    get db(): Db {
      // No schema: Reel uses no relational queries, and building their metadata costs ~70 µs.
      db ??= retryingTransactions(drizzle(lazyClient as unknown as pg.PoolClient) as unknown as Db);
      return db;
    },
    async close() {
      const client = await connecting?.catch(() => undefined);
      if (!client) return;
      try {
        await client.query('RESET ROLE; RESET reel.tenant_id');
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    },
  };
}
