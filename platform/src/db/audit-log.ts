import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { type AuditFields, auditHash, GENESIS_HASH } from '../domain/audit-chain.js';
import type { Queryable } from './connection.js';
import { auditLog } from './schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

/** One lock for the whole chain: rows get their `seq` and `prev_hash` one at a time. */
const CHAIN_LOCK = 0x617564;

/**
 * Appends a row to the chain in the caller's transaction: under the chain's lock it takes the
 * next `seq` and the last row's hash, so concurrent appends line up one after another.
 */
export async function appendAudit(tx: Queryable, fields: Omit<AuditFields, 'seq'>) {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const next = await tx.execute<{ seq: string }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq`,
  );
  const row = { ...fields, seq: Number(next.rows[0]?.seq) };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
}

/** A tenant's entries, newest first, before a `seq`. */
export function listAuditEntries(
  db: Queryable,
  tenantId: string,
  options: { beforeSeq?: number; limit: number; operation?: string; resource?: string },
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        options.beforeSeq !== undefined ? lt(auditLog.seq, options.beforeSeq) : undefined,
        options.operation ? eq(auditLog.operation, options.operation) : undefined,
        options.resource ? eq(auditLog.resource, options.resource) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(options.limit);
}

/** The whole chain in order, a batch after `afterSeq` at a time: for verification. */
export function readChain(db: Queryable, afterSeq: number, limit: number) {
  return db
    .select()
    .from(auditLog)
    .where(gt(auditLog.seq, afterSeq))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}
