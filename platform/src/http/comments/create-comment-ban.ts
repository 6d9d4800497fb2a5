import { banViewer } from '../../app/comments/comment-bans.js';
import type { OperationHandler } from '../operation.js';

export const createCommentBan: OperationHandler<'createCommentBan'> = (ctx, request, caller) =>
  banViewer(ctx, {
    tenantId: caller.tenantId,
    viewerId: request.body.viewer_id,
    reason: request.body.reason,
  });
