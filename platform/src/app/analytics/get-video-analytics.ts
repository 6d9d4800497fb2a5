import type { Context } from '../../context.js';
import { findVideoFacts } from '../../db/analytics-sessions.js';
import type { RawAnalyticsQuery } from '../../domain/analytics-query.js';
import { notFound } from '../../domain/errors.js';
import { analyticsReport } from './analytics-report.js';

/**
 * A video's analytics; another tenant's video, or a deleted one, is not found (its views stay in
 * the channel's and the tenant's figures).
 */
export async function getVideoAnalytics(
  ctx: Context,
  input: { tenantId: string; videoId: string; query: RawAnalyticsQuery },
) {
  const video = (await findVideoFacts(ctx.database.db, [input.videoId])).get(input.videoId);
  if (!video || video.tenantId !== input.tenantId || video.deletedAt) throw notFound('Video');
  return analyticsReport(ctx, { tenantId: input.tenantId, videoId: input.videoId }, input.query);
}
