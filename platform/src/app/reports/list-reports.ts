import type { Context } from '../../context.js';
import { listReports as listRows, type ReportFilter } from '../../db/reports.js';
import { listPage } from '../list-page.js';
import { reportView } from './report-view.js';

/** The tenant's reports, newest first. */
export function listReports(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number; filter: ReportFilter },
) {
  return listPage(
    input,
    (after, limit) =>
      listRows(ctx.database.db, input.tenantId, { filter: input.filter, after, limit }),
    reportView,
  );
}
