import { cachedTenantVideo } from '../../db/cached-videos.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

export const getVideo: OperationHandler<'getVideo'> = async (ctx, request, _reply, caller) => {
  const video = await cachedTenantVideo(ctx, caller.tenantId, request.params.video_id);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
};
