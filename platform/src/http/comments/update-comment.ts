import { updateComment as updateTheComment } from '../../app/comments/update-comment.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const updateComment: OperationHandler<'updateComment'> = (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  return updateTheComment(ctx, {
    viewerId: caller.viewer.id,
    commentId: request.params.comment_id,
    text: request.body.text,
  });
};
