import type { BlockedMediaRow } from '../../db/blocked-media.js';
import type { Queryable } from '../../db/connection.js';
import { endStage } from '../../db/video-stages.js';
import type { VideoRow } from '../../db/videos.js';
import { fileReport } from '../reports/file-report.js';
import { transitionVideo } from '../videos/transition-video.js';

/** Who files the report a blocklist match opens, in the place of a viewer. */
export const BLOCKLIST_REPORTER = 'reel:blocked-media';

/**
 * Fails a just-uploaded video whose bytes are on a blocklist (`video.failed`) and
 * opens a report with the entry's reason, in the caller's transaction, so the tenant's
 * moderators find it in `GET /v1/reports`.
 */
export async function failBlockedVideo(tx: Queryable, video: VideoRow, entry: BlockedMediaRow) {
  const error = {
    code: 'blocked_content',
    message: `The file matches blocked media ${entry.id} (${entry.reason})`,
  };
  await transitionVideo(tx, video, { to: 'failed', ...error });
  await endStage(
    tx,
    { tenantId: video.tenantId, videoId: video.id, stage: 'failed' },
    {
      detail: { error },
    },
  );
  await fileReport(tx, {
    tenantId: video.tenantId,
    targetKind: 'video',
    targetId: video.id,
    videoId: video.id,
    reporterViewerId: BLOCKLIST_REPORTER,
    reason: entry.reason,
    // The operator's note is for the operator; the tenant learns which list matched.
    text:
      entry.tenantId === null
        ? `Upload matched the operator's blocked media ${entry.id}`
        : `Upload matched blocked media ${entry.id}${entry.note ? `: ${entry.note}` : ''}`,
    atSec: null,
  });
}
