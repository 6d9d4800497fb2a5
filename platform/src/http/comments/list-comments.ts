import { listComments as listTheComments } from '../../app/comments/list-comments.js';
import type { OperationHandler } from '../operation.js';

export const listComments: OperationHandler<'listComments'> = (ctx, request) => {
  const { cursor, limit, order } = request.query;
  return listTheComments(ctx, { videoId: request.params.video_id, cursor, limit, order });
};
