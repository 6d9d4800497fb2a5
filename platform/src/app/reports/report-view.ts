import type { components } from '../../contract/openapi.gen.js';
import type { ReportRow } from '../../db/reports.js';

export type ApiReport = components['schemas']['Report'];

export function reportView(row: ReportRow): ApiReport {
  return {
    report_id: row.id,
    target: row.targetKind,
    video_id: row.videoId,
    comment_id: row.targetKind === 'comment' ? row.targetId : null,
    reporter_viewer_id: row.reporterViewerId,
    reason: row.reason,
    text: row.text,
    at_sec: row.atSec,
    state: row.state,
    reply: row.reply,
    created_at: row.createdAt.toISOString(),
    resolved_at: row.resolvedAt?.toISOString() ?? null,
  };
}
