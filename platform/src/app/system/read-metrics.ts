import type { Context } from '../../context.js';

/** This process's metrics as Prometheus text. */
export const readMetrics = (ctx: Context) => ctx.metrics.exposition();
