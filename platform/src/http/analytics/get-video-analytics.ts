import { getVideoAnalytics as analyticsOfVideo } from '../../app/analytics/get-video-analytics.js';
import type { OperationHandler } from '../operation.js';

export const getVideoAnalytics: OperationHandler<'getVideoAnalytics'> = (ctx, request, caller) =>
  analyticsOfVideo(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    query: request.query,
  });
