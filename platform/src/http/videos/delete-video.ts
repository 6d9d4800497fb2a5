import { deleteVideo as deleteTheVideo } from '../../app/videos/delete-video.js';
import type { OperationHandler } from '../operation.js';

export const deleteVideo: OperationHandler<'deleteVideo'> = async (ctx, request, reply, caller) => {
  await deleteTheVideo(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
  return reply.status(204).send();
};
