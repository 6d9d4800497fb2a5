import { readChain } from '../../db/audit-log.js';
import type { Database } from '../../db/connection.js';
import { firstBreak, GENESIS_HASH } from '../../domain/audit-chain.js';

const BATCH = 1000;

/** Walks the whole audit chain; answers how many rows held and where it first broke, if it did. */
export async function verifyAuditChain(database: Database) {
  let afterSeq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await readChain(database.ownerDb, afterSeq, BATCH);
    const broken = firstBreak(rows, prevHash);
    if (broken) return { checked: checked + rows.findIndex((r) => r.seq === broken.seq), broken };
    checked += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return { checked, broken: undefined };
    afterSeq = last.seq;
    prevHash = last.hash;
  }
}
