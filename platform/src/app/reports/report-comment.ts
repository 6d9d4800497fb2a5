import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findComment } from '../../db/comments.js';
import { findViewableVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { fileReport } from './file-report.js';

/** A viewer reports a published comment on a video they can see. */
export async function reportComment(
  ctx: Context,
  input: {
    tenantId: string;
    viewerId: string;
    commentId: string;
    report: components['schemas']['CreateCommentReportRequest'];
  },
) {
  const { tenantId, viewerId, commentId, report } = input;
  return ctx.database.db.transaction(async (tx) => {
    const comment = await findComment(tx, commentId);
    if (!comment || comment.tenantId !== tenantId || comment.state !== 'published') {
      throw notFound('Comment');
    }
    if (!(await findViewableVideo(tx, comment.videoId, { tenantId }))) throw notFound('Comment');
    return fileReport(tx, {
      tenantId,
      targetKind: 'comment',
      targetId: comment.id,
      videoId: comment.videoId,
      reporterViewerId: viewerId,
      reason: report.reason,
      text: report.text ?? null,
      atSec: null,
    });
  });
}
