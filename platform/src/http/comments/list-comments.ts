import { readerOf } from '../../app/auth/reader.js';
import { listComments as listTheComments } from '../../app/comments/list-comments.js';
import type { OperationHandler } from '../operation.js';

export const listComments: OperationHandler<'listComments'> = (ctx, request, caller) => {
  const { cursor, limit, order } = request.query;
  return listTheComments(ctx, {
    reader: readerOf(caller),
    videoId: request.params.video_id,
    cursor,
    limit,
    order,
  });
};
