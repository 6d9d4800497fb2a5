import { deleteVideo as deleteTheVideo } from '../../app/videos/delete-video.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteVideo: OperationHandler<'deleteVideo'> = async (ctx, request, caller) => {
  await deleteTheVideo(ctx, { tenantId: caller.tenantId, videoId: request.params.video_id });
  return answer(204);
};
