import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { type AuditRow, listAuditEntries } from '../../db/audit-log.js';
import { decodeSeqCursor, encodeSeqCursor } from '../../domain/cursor.js';

type AuditEntry = components['schemas']['AuditEntry'];

function entryView(row: AuditRow): AuditEntry {
  return {
    entry_id: row.seq,
    actor:
      row.actorKind === 'operator'
        ? { kind: 'operator', id: 'operator' }
        : { kind: 'api_key', id: row.actorId },
    operation: row.operation,
    resource: row.resource,
    changes: JSON.parse(row.changes) as AuditEntry['changes'],
    request_id: row.requestId,
    created_at: row.createdAt.toISOString(),
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

/** The tenant's audit entries, newest first. */
export async function listAuditLog(
  ctx: Context,
  input: {
    tenantId: string;
    cursor?: string;
    limit?: number;
    operation?: string;
    resource?: string;
  },
): Promise<components['schemas']['AuditEntryList']> {
  const limit = input.limit ?? 25;
  const rows = await listAuditEntries(ctx.database.db, input.tenantId, {
    beforeSeq: input.cursor ? decodeSeqCursor(input.cursor) : undefined,
    limit: limit + 1,
    operation: input.operation,
    resource: input.resource,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(entryView),
    next_cursor: rows.length > limit && last ? encodeSeqCursor(last.seq) : null,
  };
}
