import { createHash } from 'node:crypto';

/** The first row's `prev_hash`. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers, besides the previous row's hash. */
export interface AuditFields {
  seq: number;
  tenantId: string | null;
  actorKind: 'api_key' | 'operator';
  actorId: string;
  operation: string;
  resource: string;
  changes: string;
  requestId: string;
  createdAt: Date;
}

/** SHA-256 over the previous hash and every field, in a fixed order. */
export function auditHash(prevHash: string, row: AuditFields): string {
  const covered = [
    prevHash,
    row.seq,
    row.tenantId,
    row.actorKind,
    row.actorId,
    row.operation,
    row.resource,
    row.changes,
    row.requestId,
    row.createdAt.toISOString(),
  ];
  return createHash('sha256').update(JSON.stringify(covered)).digest('hex');
}

/** Where a chain read in `seq` order first breaks: an edited, inserted or removed row. */
export function firstBreak(
  rows: readonly (AuditFields & { prevHash: string; hash: string })[],
  prevHash: string,
): { seq: number; problem: 'edited' | 'unlinked' } | undefined {
  let expected = prevHash;
  for (const row of rows) {
    if (row.prevHash !== expected) return { seq: row.seq, problem: 'unlinked' };
    if (auditHash(row.prevHash, row) !== row.hash) return { seq: row.seq, problem: 'edited' };
    expected = row.hash;
  }
  return undefined;
}
