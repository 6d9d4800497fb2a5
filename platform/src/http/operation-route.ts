import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { openTenantSession } from '../app/tenant-session.js';
import type { Context } from '../context.js';
import type { ContractOperation } from '../contract/contract.js';
import { authenticate } from './auth.js';
import { runIdempotent } from './idempotency.js';
import type { Caller, Handlers } from './operation.js';
import { settleCaller, takeCaller } from './request/caller-of.js';
import { refuseNulBytes } from './request/nul-bytes.js';

const NO_TENANT = '00000000-0000-0000-0000-000000000000';

function routeSchema(op: ContractOperation) {
  const group = (where: string) => {
    const params = op.parameters.filter((p) => p.in === where);
    if (params.length === 0) return undefined;
    return {
      type: 'object',
      properties: Object.fromEntries(
        params.map((p) => [where === 'header' ? p.name.toLowerCase() : p.name, p.schema]),
      ),
      required: params
        .filter((p) => p.required)
        .map((p) => (where === 'header' ? p.name.toLowerCase() : p.name)),
    };
  };
  const schema = {
    params: group('path'),
    querystring: group('query'),
    headers: group('header'),
    body: op.jsonBody,
    response: op.jsonResponses,
  };
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

/**
 * One contract operation as a Fastify route. The caller is authenticated before the rate limit
 * runs (so the limit knows whose budget to charge) and refused, if need be, after it.
 */
export function operationRoute(
  ctx: Context,
  op: ContractOperation,
  handler: Handlers[keyof Handlers],
): RouteOptions {
  // Only operations that declare the header run under a key: the others are safe to repeat.
  const takesKey = op.parameters.some(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
  );
  return {
    method: op.method,
    url: op.routePath,
    schema: routeSchema(op),
    // A load balancer polling health must never see 429.
    ...(op.operationId === 'getHealth' && { config: { rateLimit: false } }),
    preValidation: async (request: FastifyRequest) => {
      // An optional JSON body may be left out entirely; validate it as empty.
      if (op.jsonBody && !op.bodyRequired && request.body === undefined) request.body = {};
      await refuseNulBytes(request, Boolean(op.jsonBody));
    },
    preHandler: async (request: FastifyRequest) => {
      await settleCaller(request, authenticate(ctx, request, op));
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller: Caller = takeCaller(request);
      const run = (scoped: Context, out: FastifyReply) =>
        (handler as (...args: unknown[]) => Promise<unknown>)(scoped, request, out, caller);
      const key = request.headers['idempotency-key'];
      const keyed = takesKey && typeof key === 'string' && key !== '';
      if (!caller.tenantId) {
        // Operators have no tenant; their idempotency keys share one namespace.
        return keyed
          ? runIdempotent(ctx, request, reply, NO_TENANT, key, op.routePath, run)
          : run(ctx, reply);
      }
      // A tenant's request runs under row-level security for that tenant.
      const session = openTenantSession(ctx.database.pool, caller.tenantId);
      const scoped: Context = { ...ctx, database: { ...ctx.database, db: session.db } };
      try {
        return keyed
          ? await runIdempotent(scoped, request, reply, caller.tenantId, key, op.routePath, run)
          : await run(scoped, reply);
      } finally {
        await session.close();
      }
    },
  };
}
