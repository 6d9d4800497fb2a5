import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { shownTo } from '../../domain/video-audience.js';
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
    // Whatever the viewer sees, a video still encoding but already playing included.
    const found = await findVideo(tx, tenantId, videoId);
    if (!found || !shownTo(found.video, { kind: 'viewer', tenantId })) throw notFound('Video');
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
