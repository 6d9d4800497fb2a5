import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { type Contract, loadContract } from '../contract/contract.js';
import { shedLoadUnderPressure } from './back-pressure.js';
import { type ErrorBody, handleError } from './error-handler.js';
import { endEventStreams } from './notifications/open-event-streams.js';
import type { Handlers } from './operation.js';
import { operationRoute } from './operation-route.js';
import { registerRateLimits } from './rate-limits.js';
import { acceptJsonOnly } from './request/body-parsers.js';
import { answerClientError } from './request/client-errors.js';
import { declaredPathsOf } from './request/declared-paths.js';
import { validateAsContractSays } from './request/validators.js';
import { measureRequests } from './request-metrics.js';
import { handlers } from './routes.js';
import { registerInSecurityScopes } from './security-scopes.js';
import { trackSilentConnections } from './silent-connections.js';

/** Routes served beside the contract's operations: the contract itself and its reference page. */
export const DOCUMENTATION_PREFIXES = ['/openapi.json', '/docs'];

const registered = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route an app registered (`METHOD /path`), for the contract parity test. */
export const routesOf = (app: FastifyInstance) => registered.get(app) ?? [];

/** The Fastify app: every route, schema and status comes from `openapi.yaml`. */
export async function buildApp(
  ctx: Context,
  options: { logger?: FastifyBaseLogger; contract?: Contract } = {},
): Promise<FastifyInstance> {
  const contract = options.contract ?? loadContract();
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // The longest path parameter the contract allows is a 255-character viewer id.
    routerOptions: { maxParamLength: 255 },
    ...(ctx.config.trustProxy && { trustProxy: ctx.config.trustProxy }),
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  const routes: { method: string; url: string }[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setErrorHandler(handleError);
  if (ctx.config.metrics.enabled) measureRequests(app, ctx.metrics);
  shedLoadUnderPressure(app, ctx.config.maxEventLoopDelayMs);
  const declaredPath = declaredPathsOf(contract.operations);
  // Before any body handling, so even a method Fastify wants a body for gets its 405.
  // A callback, not an async hook: every request passes through it, and it does no I/O.
  app.addHook('onRequest', (request, reply, done) => {
    // CORS preflights are answered by the CORS plugin, on every path.
    if (request.method === 'OPTIONS') return done();
    // Fastify matched this method on a path nothing more literal shadows: it is declared there.
    if (!request.is404 && declaredPath.unshadowed.has(request.routeOptions.url ?? ''))
      return done();
    const declared = declaredPath(request.url);
    if (!declared || declared.methods.includes(request.method)) return done();
    if (!request.is404 && declared.routePath === request.routeOptions.url) return done();
    reply
      .status(405)
      .header('Allow', declared.methods.join(', '))
      .send({
        code: 'method_not_allowed',
        message: `${request.method} is not allowed here; use ${declared.methods.join(', ')}`,
      } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: 'not_found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
    } satisfies ErrorBody),
  );
  validateAsContractSays(app);
  acceptJsonOnly(app);

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

  const byId = handlers as unknown as Record<string, Handlers[keyof Handlers]>;
  const operationRoutes = contract.operations.map((op) => {
    const handler = byId[op.operationId];
    if (!handler) throw new Error(`No handler for operation ${op.operationId}`);
    return { op, route: operationRoute(ctx, op, handler) };
  });
  await registerInSecurityScopes(app, ctx, operationRoutes);
  const silent = trackSilentConnections(app.server);
  // Open notification streams would hold the server's close for ever.
  app.addHook('preClose', async () => {
    endEventStreams(app.server);
    silent.hangUp();
  });
  return app;
}
