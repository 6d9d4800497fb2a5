import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findViewableVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { fileReport } from './file-report.js';

/** A viewer reports a video they can see; a repeat while it is open answers the first. */
export async function reportVideo(
  ctx: Context,
  input: {
    tenantId: string;
    viewerId: string;
    videoId: string;
    report: components['schemas']['CreateVideoReportRequest'];
  },
) {
  const { tenantId, viewerId, videoId, report } = input;
  return ctx.database.db.transaction(async (tx) => {
    if (!(await findViewableVideo(tx, videoId, { tenantId }))) throw notFound('Video');
    return fileReport(tx, {
      tenantId,
      targetKind: 'video',
      targetId: videoId,
      videoId,
      reporterViewerId: viewerId,
      reason: report.reason,
      text: report.text ?? null,
      atSec: report.at_sec ?? null,
    });
  });
}
