import { liftBan } from '../../app/comments/comment-bans.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteCommentBan: OperationHandler<'deleteCommentBan'> = async (
  ctx,
  request,
  caller,
) => {
  await liftBan(ctx, { tenantId: caller.tenantId, viewerId: request.params.viewer_id });
  return answer(204);
};
