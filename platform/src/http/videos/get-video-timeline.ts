import { getTimeline } from '../../app/videos/get-timeline.js';
import type { OperationHandler } from '../operation.js';

export const getVideoTimeline: OperationHandler<'getVideoTimeline'> = (ctx, request, caller) =>
  getTimeline(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
