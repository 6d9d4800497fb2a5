import { listModerationComments as listTheComments } from '../../app/comments/list-moderation-comments.js';
import type { OperationHandler } from '../operation.js';

export const listModerationComments: OperationHandler<'listModerationComments'> = (
  ctx,
  request,
  caller,
) => {
  const { cursor, limit, state } = request.query;
  return listTheComments(ctx, { tenantId: caller.tenantId, state, cursor, limit });
};
