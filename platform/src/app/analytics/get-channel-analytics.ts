import type { Context } from '../../context.js';
import { findChannel } from '../../db/channels.js';
import type { RawAnalyticsQuery } from '../../domain/analytics-query.js';
import { notFound } from '../../domain/errors.js';
import { analyticsReport } from './analytics-report.js';

/** A channel's analytics: the views of the videos on it when they were watched. */
export async function getChannelAnalytics(
  ctx: Context,
  input: { tenantId: string; channelId: string; query: RawAnalyticsQuery },
) {
  if (!(await findChannel(ctx.database.db, input.tenantId, input.channelId))) {
    throw notFound('Channel');
  }
  return analyticsReport(
    ctx,
    { tenantId: input.tenantId, channelId: input.channelId },
    input.query,
  );
}
