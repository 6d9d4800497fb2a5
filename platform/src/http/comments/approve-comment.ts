import { moderateComment } from '../../app/comments/moderate-comment.js';
import type { OperationHandler } from '../operation.js';

export const approveComment: OperationHandler<'approveComment'> = (ctx, request, caller) =>
  moderateComment(ctx, {
    tenantId: caller.tenantId,
    commentId: request.params.comment_id,
    decision: 'approve',
  });
