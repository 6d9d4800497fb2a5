import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../app/audit/record-change.js';
import { recordChange } from '../app/audit/record-change.js';
import type { Caller } from '../app/auth/callers.js';
import type { Context } from '../context.js';
import type { ContractOperation } from '../contract/contract.js';

/** API keys and the operator are audited; viewers, upload tokens and anonymous callers not. */
function actorOf(op: ContractOperation, caller: Caller): AuditActor | undefined {
  if (caller.keyId && !caller.viewer) return { kind: 'api_key', id: caller.keyId };
  if (op.security.includes('operatorToken') && caller.tenantId === '') {
    return { kind: 'operator', id: 'operator' };
  }
  return undefined;
}

/**
 * A change made with an API key or the operator token, once it succeeded, goes to the audit
 * log (app/audit/record-change.ts); reads and failed requests do not. Called once the request's
 * database session is given back: waiting for a second pool connection while holding the first
 * starves the pool when many changes come at once.
 */
export function changeAuditor(ctx: Context, op: ContractOperation) {
  if (op.method === 'GET' || op.method === 'HEAD') return async () => {};
  return async (request: FastifyRequest, caller: Caller, status: number) => {
    const actor = actorOf(op, caller);
    if (!actor || status >= 400) return;
    const params = request.params as Record<string, string | undefined>;
    await recordChange(ctx, {
      tenantId: caller.tenantId || params.tenant_id || null,
      actor,
      operation: op.operationId,
      resource: request.url.split('?')[0] ?? request.url,
      body: op.jsonBody ? request.body : null,
      requestId: request.id,
    });
  };
}
