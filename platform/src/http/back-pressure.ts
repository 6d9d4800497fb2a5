import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { ReelError } from '../domain/errors.js';

const SAMPLE_INTERVAL_MS = 250;

/**
 * Answers 503 `overloaded` with `Retry-After` while the event loop lags, so a busy replica
 * sheds requests at once rather than queueing them until everyone times out. `/healthz` keeps
 * answering: the process is alive, and a restart would only make things worse.
 */
export async function shedLoadUnderPressure(app: FastifyInstance, maxEventLoopDelayMs: number) {
  // Compiling every route's schemas stalls the loop once at start: that is not load, so the
  // samples taken until two intervals after listening are not held against the first callers.
  let judgedFrom = Number.POSITIVE_INFINITY;
  app.addHook('onListen', async () => {
    judgedFrom = performance.now() + 2 * SAMPLE_INTERVAL_MS;
  });
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    sampleInterval: SAMPLE_INTERVAL_MS,
    // A rejection goes to the one error handler, which adds `Retry-After` to every 503.
    pressureHandler: async (request) => {
      if (request.routeOptions.config?.operationId === 'getHealth') return;
      if (performance.now() < judgedFrom) return;
      throw new ReelError(
        503,
        'overloaded',
        'This server is too busy to answer in time; retry shortly',
      );
    },
  });
}
