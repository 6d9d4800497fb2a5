import { restoreVideo as restoreTheVideo } from '../../app/videos/restore-video.js';
import type { OperationHandler } from '../operation.js';

export const restoreVideo: OperationHandler<'restoreVideo'> = (ctx, request, caller) =>
  restoreTheVideo(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
