import { readerOf } from '../../app/auth/reader.js';
import { listReplies } from '../../app/comments/list-replies.js';
import type { OperationHandler } from '../operation.js';

export const listCommentReplies: OperationHandler<'listCommentReplies'> = (
  ctx,
  request,
  caller,
) => {
  const { cursor, limit } = request.query;
  return listReplies(ctx, {
    reader: readerOf(caller),
    commentId: request.params.comment_id,
    cursor,
    limit,
  });
};
