import { getVideo as getTheVideo } from '../../app/videos/get-video.js';
import type { OperationHandler } from '../operation.js';

export const getVideo: OperationHandler<'getVideo'> = (ctx, request, caller) =>
  getTheVideo(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
