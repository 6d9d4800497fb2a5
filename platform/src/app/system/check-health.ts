import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { ReelError } from '../../domain/errors.js';

/** Healthy while Postgres answers: without it Reel can serve nothing. */
export async function checkHealth(ctx: Context): Promise<components['schemas']['Health']> {
  try {
    await ctx.database.db.execute(sql`select 1`);
  } catch {
    throw new ReelError(503, 'database_unavailable', 'The database does not answer');
  }
  return { status: 'ok' };
}
