import { publishVideo as publishTheVideo } from '../../app/videos/publish-video.js';
import type { OperationHandler } from '../operation.js';

export const publishVideo: OperationHandler<'publishVideo'> = (ctx, request, caller) =>
  publishTheVideo(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
