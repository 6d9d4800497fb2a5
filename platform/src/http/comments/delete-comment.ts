import { deleteComment as deleteTheComment } from '../../app/comments/delete-comment.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

/** The author with a viewer token, or the tenant with its API key (moderation). */
export const deleteComment: OperationHandler<'deleteComment'> = async (ctx, request, caller) => {
  const by = caller.viewer ? { viewerId: caller.viewer.id } : { tenantId: caller.tenantId };
  await deleteTheComment(ctx, { by, commentId: request.params.comment_id });
  return answer(204);
};
