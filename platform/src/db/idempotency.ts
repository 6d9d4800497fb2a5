import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { idempotencyKeys } from './schema.js';

export type StoredAnswer = typeof idempotencyKeys.$inferSelect;

/**
 * Takes the key for this transaction; false when another request holds it right now. The lock
 * goes with the transaction, so a crash frees it.
 */
export async function lockIdempotencyKey(
  tx: Queryable,
  tenantId: string,
  key: string,
): Promise<boolean> {
  const result = await tx.execute<{ ok: boolean }>(
    sql`select pg_try_advisory_xact_lock(hashtextextended(${`${tenantId}:${key}`}, 0)) as ok`,
  );
  return Boolean(result.rows[0]?.ok);
}

/** The stored answer for a key, if it was used within the last 24 hours. */
export async function findStoredAnswer(tx: Queryable, tenantId: string, key: string) {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, tenantId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} > now() - interval '24 hours'`,
      ),
    );
  return row;
}

export async function storeAnswer(tx: Queryable, answer: typeof idempotencyKeys.$inferInsert) {
  await tx
    .insert(idempotencyKeys)
    .values(answer)
    .onConflictDoUpdate({
      target: [idempotencyKeys.tenantId, idempotencyKeys.key],
      set: {
        requestHash: answer.requestHash,
        responseStatus: answer.responseStatus,
        responseBody: answer.responseBody,
        createdAt: sql`now()`,
      },
    });
}
