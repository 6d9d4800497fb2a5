import { createComment as createTheComment } from '../../app/comments/create-comment.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createComment: OperationHandler<'createComment'> = async (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const comment = await createTheComment(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    videoId: request.params.video_id,
    text: request.body.text,
    parentId: request.body.parent_id,
  });
  return answer(201, comment);
};
