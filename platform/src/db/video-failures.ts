import { TOPICS } from '../domain/event-routes.js';
import { mustMove } from '../domain/video-status.js';
import type { Queryable } from './connection.js';
import { emit } from './outbox.js';
import { setVideo, type VideoRow } from './videos.js';

/**
 * Fails a locked video with a reason a person can read and announces it (`video.failed`), in the
 * caller's transaction. Failing a failed video again changes nothing.
 */
export async function markVideoFailed(
  tx: Queryable,
  video: VideoRow,
  code: string,
  message: string,
): Promise<void> {
  if (!mustMove(video.status, 'failed')) return;
  await setVideo(tx, video.id, { status: 'failed', errorCode: code, errorMessage: message });
  await emit(tx, {
    topic: TOPICS.videoFailed,
    videoId: video.id,
    tenantId: video.tenantId,
    data: { error: code },
  });
}
