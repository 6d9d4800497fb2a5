import { sql } from 'drizzle-orm';
import { ReelError } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const getHealth: OperationHandler<'getHealth'> = async (ctx) => {
  try {
    await ctx.database.db.execute(sql`select 1`);
  } catch {
    throw new ReelError(503, 'database_unavailable', 'The database does not answer');
  }
  return { status: 'ok' as const };
};
