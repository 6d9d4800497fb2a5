import { listReports as listTheReports } from '../../app/reports/list-reports.js';
import type { OperationHandler } from '../operation.js';

export const listReports: OperationHandler<'listReports'> = (ctx, request, caller) => {
  const { cursor, limit, state, target, reason, video_id } = request.query;
  return listTheReports(ctx, {
    tenantId: caller.tenantId,
    cursor,
    limit,
    filter: { state, target, reason, videoId: video_id },
  });
};
