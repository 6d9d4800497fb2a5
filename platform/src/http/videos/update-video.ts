import { updateVideo as updateTheVideo } from '../../app/videos/update-video.js';
import type { OperationHandler } from '../operation.js';

export const updateVideo: OperationHandler<'updateVideo'> = (ctx, request, caller) =>
  updateTheVideo(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    change: request.body,
  });
