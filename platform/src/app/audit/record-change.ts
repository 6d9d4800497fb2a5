import type { Context } from '../../context.js';
import { appendAudit } from '../../db/audit-log.js';

/** Who made a change: an API key (its id) or the operator. */
export type AuditActor = { kind: 'api_key'; id: string } | { kind: 'operator'; id: 'operator' };

/**
 * Appends a change made with an API key or the operator token to the hash-chained audit log:
 * the operation, the path it changed and the request body as sent (no request body carries a
 * secret). Written as the table's owner, since the chain spans every tenant.
 */
export async function recordChange(
  ctx: Context,
  change: {
    tenantId: string | null;
    actor: AuditActor;
    operation: string;
    resource: string;
    body: unknown;
    requestId: string;
  },
): Promise<void> {
  await ctx.database.ownerDb.transaction((tx) =>
    appendAudit(tx, {
      tenantId: change.tenantId,
      actorKind: change.actor.kind,
      actorId: change.actor.id,
      operation: change.operation,
      resource: change.resource,
      changes: JSON.stringify({ request: change.body ?? null }),
      requestId: change.requestId,
      createdAt: new Date(),
    }),
  );
}
