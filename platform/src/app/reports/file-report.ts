import type { Queryable } from '../../db/connection.js';
import { emit } from '../../db/outbox.js';
import { fileReport as insertReport, type NewReport } from '../../db/reports.js';
import { TOPICS } from '../../domain/event-routes.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { type ApiReport, reportView } from './report-view.js';

/**
 * Files a report in the caller's transaction, or answers the viewer's open one on the item
 * (`created: false`); only a new report emits `report.created`.
 */
export async function fileReport(
  tx: Queryable,
  report: Omit<NewReport, 'createdAt'>,
): Promise<{ report: ApiReport; created: boolean }> {
  // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
  const { row, created } = await insertReport(tx, { ...report, createdAt: new Date() });
  const view = reportView(row);
  if (created) {
    await emit(tx, {
      topic: TOPICS.reportCreated,
      videoId: row.videoId,
      tenantId: row.tenantId,
      data: withWebhookData({ report: view }),
    });
  }
  return { report: view, created };
}
