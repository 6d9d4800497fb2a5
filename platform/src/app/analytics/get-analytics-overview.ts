import type { Context } from '../../context.js';
import type { RawAnalyticsQuery } from '../../domain/analytics-query.js';
import { analyticsReport } from './analytics-report.js';

/** Analytics over every video of the tenant. */
export const getAnalyticsOverview = (
  ctx: Context,
  input: { tenantId: string; query: RawAnalyticsQuery },
) => analyticsReport(ctx, { tenantId: input.tenantId }, input.query);
