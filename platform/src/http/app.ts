import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Context } from '../context.js';
import { type Contract, type ContractOperation, loadContract } from '../contract/contract.js';
import { openTenantSession } from '../db/tenant-session.js';
import { createAuthenticator } from './auth.js';
import { handleError } from './error-handler.js';
import { runIdempotent } from './idempotency.js';
import type { Handlers } from './operation.js';
import { registerRateLimits } from './rate-limits.js';
import { handlers } from './routes.js';

const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/** Routes served beside the contract's operations: the contract itself and its reference page. */
export const DOCUMENTATION_PREFIXES = ['/openapi.json', '/docs'];

const registered = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route an app registered (`METHOD /path`), for the contract parity test. */
export const routesOf = (app: FastifyInstance) => registered.get(app) ?? [];

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

/** The Fastify app: every route, schema and status comes from `openapi.yaml`. */
export async function buildApp(
  ctx: Context,
  options: { logger?: FastifyBaseLogger; contract?: Contract } = {},
): Promise<FastifyInstance> {
  const contract = options.contract ?? loadContract();
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ajv: { customOptions: { strict: false } },
  });
  const routes: { method: string; url: string }[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: 'not_found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
  // Part bodies are streamed to the store as they arrive, never buffered.
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['ETag', 'Content-Range', 'Accept-Ranges', 'Content-Length'],
    maxAge: 600,
  });
  await registerRateLimits(app, ctx.config.rateLimits, ctx.config.services.redisUrl);
  await app.register(swagger, {
    mode: 'static',
    specification: { document: contract.raw as never },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => contract.raw);

  const authenticate = createAuthenticator(
    ctx.database.db,
    ctx.config.operatorToken,
    ctx.config.urlSigningSecret,
  );
  const byId = handlers as unknown as Record<string, Handlers[keyof Handlers]>;
  for (const op of contract.operations) {
    const handler = byId[op.operationId];
    if (!handler) throw new Error(`No handler for operation ${op.operationId}`);
    // Only operations that declare the header run under a key: the others are safe to repeat.
    const takesKey = op.parameters.some(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
    );
    app.route({
      method: op.method as 'GET',
      url: op.routePath,
      schema: routeSchema(op),
      // An optional JSON body may be left out entirely; validate it as empty.
      ...(op.jsonBody &&
        !op.bodyRequired && {
          preValidation: async (request: { body: unknown }) => {
            request.body ??= {};
          },
        }),
      handler: async (request, reply) => {
        const caller = await authenticate(request, op);
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
    });
  }
  return app;
}
