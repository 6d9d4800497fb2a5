import type { FastifyInstance } from 'fastify';
import { ReelError } from '../domain/errors.js';

const SAMPLE_INTERVAL_MS = 100;

/**
 * Answers 503 `overloaded` with `Retry-After` while the event loop lags, so a busy replica
 * sheds requests at once rather than queueing them until everyone times out. `/healthz` keeps
 * answering: the process is alive, and a restart would only make things worse.
 *
 * The lag is how late the last sample timer fired. @fastify/under-pressure read a sample window
 * with no histogram ticks in it (any stall over about 250 ms) as an infinite delay and shed load
 * whatever the limit; timers run before the sockets are read, so a request that waited out a
 * stall meets the lag it waited through.
 */
export function shedLoadUnderPressure(app: FastifyInstance, maxEventLoopDelayMs: number) {
  let lagMs = 0;
  let expected = 0;
  const sample = () => {
    const now = performance.now();
    lagMs = Math.max(0, now - expected);
    expected = now + SAMPLE_INTERVAL_MS;
  };
  let timer: NodeJS.Timeout | undefined;
  // Compiling every route's schemas stalls the loop once at start: that is not load.
  app.addHook('onListen', async () => {
    expected = performance.now() + SAMPLE_INTERVAL_MS;
    timer = setInterval(sample, SAMPLE_INTERVAL_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
  app.addHook('onRequest', async (request) => {
    if (lagMs <= maxEventLoopDelayMs) return;
    if (request.routeOptions.config?.operationId === 'getHealth') return;
    // A rejection goes to the one error handler, which adds `Retry-After` to every 503.
    throw new ReelError(
      503,
      'overloaded',
      'This server is too busy to answer in time; retry shortly',
      {
        event_loop_lag_ms: Math.round(lagMs),
      },
    );
  });
}
