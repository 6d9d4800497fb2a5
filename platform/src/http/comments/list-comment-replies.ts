import { listReplies } from '../../app/comments/list-replies.js';
import type { OperationHandler } from '../operation.js';

export const listCommentReplies: OperationHandler<'listCommentReplies'> = (ctx, request) => {
  const { cursor, limit } = request.query;
  return listReplies(ctx, { commentId: request.params.comment_id, cursor, limit });
};
