import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../ports/metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract operation a route serves; metrics label requests with it, never the path. */
    operationId?: string;
  }
}

/**
 * Times every answered request by operation id and status class: one histogram observation
 * per request, on a series looked up once. Requests no route took count as `unmatched`.
 */
export function measureRequests(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onResponse', (request, reply, done) => {
    const operation = request.routeOptions.config?.operationId ?? 'unmatched';
    metrics.observeRequest(operation, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
