import { resolveReport as resolveTheReport } from '../../app/reports/resolve-report.js';
import type { OperationHandler } from '../operation.js';

export const resolveReport: OperationHandler<'resolveReport'> = (ctx, request, caller) =>
  resolveTheReport(ctx, {
    tenantId: caller.tenantId,
    reportId: request.params.report_id,
    resolution: request.body,
  });
