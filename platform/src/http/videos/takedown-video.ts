import { takedownVideo as takeTheVideoDown } from '../../app/videos/takedown-video.js';
import type { OperationHandler } from '../operation.js';

export const takedownVideo: OperationHandler<'takedownVideo'> = (ctx, request, caller) =>
  takeTheVideoDown(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    takedown: request.body,
  });
