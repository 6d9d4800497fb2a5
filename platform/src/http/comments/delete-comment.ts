import { deleteComment as deleteTheComment } from '../../app/comments/delete-comment.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteComment: OperationHandler<'deleteComment'> = async (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  await deleteTheComment(ctx, { viewerId: caller.viewer.id, commentId: request.params.comment_id });
  return answer(204);
};
