import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { type Context, createContext, describeAdapters } from './context.js';
import { isConnectionLoss, rootMessage } from './db/postgres-errors.js';
import { buildApp } from './http/app.js';
import { serveMetricsPort } from './http/metrics-port.js';
import { createLogger } from './logger.js';
import type { Tracing } from './ports/tracing.js';
import { startWorkers, type WorkerRole } from './workers/roles.js';

export interface ReelProcess {
  ctx: Context;
  app: FastifyInstance | undefined;
  url: string;
  /** Where `REEL_METRICS_PORT` serves metrics, when it is set. */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

/** Starts the API (when `http`) and the given worker roles over one context. */
export async function startReel(
  config: Config,
  options: { http: boolean; roles: readonly WorkerRole[]; tracing?: Tracing },
): Promise<ReelProcess> {
  const log = createLogger(config);
  const ctx = await createContext(config, (msg, error) => log.warn({ err: error }, msg), {
    tracing: options.tracing,
  });
  log.info(`adapters: ${describeAdapters(ctx)}`);
  // pg-pool has dropped the connection already and opens a new one for the next query.
  ctx.database.pool.on('error', (error) => {
    if (!ctx.database.pool.ending)
      log.warn(`postgres closed an idle connection (${error.message}); reconnecting on demand`);
  });
  const workers = startWorkers(ctx, options.roles, (msg, error) => {
    // A batch cut short by Postgres going away rolled back whole and runs again: no stack.
    if (isConnectionLoss(error))
      log.warn(`${msg}: Postgres went away (${rootMessage(error)}); retrying`);
    else log.error({ err: error }, msg);
  });
  if (options.roles.length > 0) log.info(`workers: ${options.roles.join(', ')}`);
  let app: FastifyInstance | undefined;
  let url = config.publicUrl;
  if (options.http) {
    app = await buildApp(ctx, { logger: log });
    url = await app.listen({ port: config.port, host: config.host });
    log.info(`Reel API on ${url} (reference: ${url}/docs)`);
  }
  const metricsPort = config.metrics.port
    ? await serveMetricsPort(ctx.metrics, config.metrics.port, config.host)
    : undefined;
  if (metricsPort) log.info(`metrics on ${metricsPort.url}/metrics`);
  return {
    ctx,
    app,
    url,
    metricsUrl: metricsPort?.url,
    async stop() {
      // Not ready from now on; a balancer polling /readyz takes this replica out first.
      ctx.lifecycle.draining = true;
      if (app && config.shutdownDrainMs > 0)
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      await app?.close();
      await workers.stop();
      await metricsPort?.close();
      await ctx.close();
    },
  };
}
