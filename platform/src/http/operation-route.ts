import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { openTenantSession } from '../app/tenant-session.js';
import type { Context } from '../context.js';
import type { ContractOperation } from '../contract/contract.js';
import type { TraceCarrier } from '../ports/tracing.js';
import { isAnswer, send } from './answer.js';
import { changeAuditor } from './audited.js';
import { runIdempotent, sendStored } from './idempotency.js';
import type { Caller, Handlers } from './operation.js';
import { takeCaller } from './request/caller-of.js';
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
 * A load balancer polling health, or Prometheus scraping, must never see 429; a viewer posts
 * only so many comments, chat messages and reports a minute (spam), each route counted apart from the rest.
 */
function routeRateLimit(ctx: Context, op: ContractOperation): RouteOptions['config'] {
  if (UNLIMITED.has(op.operationId)) return { rateLimit: false };
  const perViewer = PER_VIEWER_LIMITS[op.operationId];
  if (perViewer)
    return { rateLimit: { max: ctx.config.rateLimits[perViewer], timeWindow: 60_000 } };
  return {};
}

const PER_VIEWER_LIMITS: Record<
  string,
  'commentsPerViewer' | 'reportsPerViewer' | 'chatMessagesPerViewer'
> = {
  createComment: 'commentsPerViewer',
  createLiveChatMessage: 'chatMessagesPerViewer',
  reportVideo: 'reportsPerViewer',
  reportComment: 'reportsPerViewer',
};

/** Probes and scrapers poll on a schedule of their own. */
const UNLIMITED = new Set(['getHealth', 'getReadiness', 'getMetrics']);

/** Runs `work` under row-level security for a tenant's request; operators and public calls as is. */
async function asCaller<T>(ctx: Context, caller: Caller, work: (scoped: Context) => Promise<T>) {
  if (!caller.tenantId) return work(ctx);
  const session = openTenantSession(ctx.database.pool, caller.tenantId);
  try {
    // A getter, so a request that never queries never builds the session's handle.
    const database = Object.defineProperty({ ...ctx.database }, 'db', {
      get: () => session.db,
      enumerable: true,
    });
    return await work({ ...ctx, database });
  } finally {
    await session.close();
  }
}

/** The W3C trace context a caller sent, continued by the request's span. */
function callerTrace(request: FastifyRequest): TraceCarrier | undefined {
  const { traceparent, tracestate } = request.headers;
  if (typeof traceparent !== 'string') return undefined;
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}

/**
 * One contract operation as a Fastify route: validation from the contract, then the handler
 * under the caller's tenant session, and under its `Idempotency-Key` when the operation takes
 * one. The caller was authenticated by the route's security scope (`security-scopes.ts`).
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
  const audit = changeAuditor(ctx, op);
  // Each operation's handler is typed for its own request; here they are all one kind of call.
  const call = handler as (
    scoped: Context,
    request: FastifyRequest,
    caller: Caller,
    reply: FastifyReply | undefined,
  ) => Promise<unknown>;
  const answerRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller: Caller = takeCaller(request);
    const key = request.headers['idempotency-key'];
    // A replayed answer ran nothing, so it records no change.
    let ran = false;
    const run = async (scoped: Context) => {
      const result = await call(scoped, request, caller, takesKey ? undefined : reply);
      ran = true;
      return result;
    };
    if (takesKey && typeof key === 'string' && key !== '') {
      // Operators have no tenant; their idempotency keys share one namespace.
      const keyed = { tenantId: caller.tenantId || NO_TENANT, key, route: op.routePath };
      const stored = await asCaller(ctx, caller, (scoped) =>
        runIdempotent(scoped, request, keyed, run),
      );
      if (ran) await audit(request, caller, stored.status);
      return sendStored(reply, stored);
    }
    const result = await asCaller(ctx, caller, run);
    if (ran) await audit(request, caller, isAnswer(result) ? result.status : 200);
    return send(reply, result);
  };

  return {
    method: op.method,
    url: op.routePath,
    schema: routeSchema(op),
    // The operation id names the route in metrics (`http/request-metrics.ts`).
    config: { ...routeRateLimit(ctx, op), operationId: op.operationId },
    // A callback, not an async hook: it does no I/O, and every request passes through it.
    preValidation: (
      request: FastifyRequest,
      _reply: FastifyReply,
      done: (error?: Error) => void,
    ) => {
      // An optional JSON body may be left out entirely; validate it as empty.
      if (op.jsonBody && !op.bodyRequired && request.body === undefined) request.body = {};
      try {
        refuseNulBytes(request, Boolean(op.jsonBody));
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
    handler: (request: FastifyRequest, reply: FastifyReply) =>
      // Named by operation id, never the raw path; a caller's `traceparent` is continued.
      ctx.tracing.inSpan(op.operationId, () => answerRequest(request, reply), {
        kind: 'server',
        parent: callerTrace(request),
        attributes: { 'http.request.method': op.method, 'http.route': op.routePath },
      }),
  };
}
