import { reportComment as reportTheComment } from '../../app/reports/report-comment.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const reportComment: OperationHandler<'reportComment'> = async (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const { report, created } = await reportTheComment(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    commentId: request.params.comment_id,
    report: request.body,
  });
  return answer(created ? 201 : 200, report);
};
