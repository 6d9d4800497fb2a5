import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { ReelError } from '../../domain/errors.js';

type Checks = components['schemas']['ReadinessChecks'];

/** A check that does not answer within this long counts as out of reach. */
const CHECK_TIMEOUT_MS = 2_000;

async function answers(probe: () => Promise<unknown>): Promise<Checks['database']> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), late]);
    return 'ok';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ready while the database, the bus and the store answer and the process is not stopping.
 * The store is asked for an object no one writes: a null answer proves it reachable.
 */
export async function checkReadiness(ctx: Context): Promise<components['schemas']['Readiness']> {
  const [database, bus, store] = await Promise.all([
    answers(() => ctx.database.db.execute(sql`select 1`)),
    answers(() => ctx.bus.ping()),
    answers(() => ctx.store.head('readyz/probe')),
  ]);
  const checks = { database, bus, store };
  const { draining } = ctx.lifecycle;
  if (draining || Object.values(checks).includes('unreachable'))
    throw new ReelError(
      503,
      'not_ready',
      draining ? 'This process is stopping' : 'A dependency does not answer',
      { checks, draining },
    );
  return { status: 'ready', checks };
}
