import { deleteCaption as removeCaption } from '../../app/captions/delete-caption.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteCaption: OperationHandler<'deleteCaption'> = async (ctx, request, caller) => {
  await removeCaption(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    captionId: request.params.caption_id,
  });
  return answer(204);
};
