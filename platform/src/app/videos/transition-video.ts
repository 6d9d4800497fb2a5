import type { Queryable } from '../../db/connection.js';
import { emit, type NewEvent } from '../../db/outbox.js';
import { type VideoChange, type VideoRow, writeVideoStatus } from '../../db/videos.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { VideoStatus } from '../../domain/video-status.js';
import {
  mustMove,
  outcomeUnderTakedown,
  restoredStatus,
  type TakedownReason,
  takenDownFrom,
} from '../../domain/video-status.js';

/** A move of a video's status, with what the move records. */
export type VideoMove =
  | { to: 'processing' }
  | { to: 'playable' }
  | { to: 'transcoded' }
  | { to: 'ready'; autoPublish?: true }
  | { to: 'failed'; code: string; message: string }
  | { to: 'taken_down'; reason: TakedownReason; notice: string | null };

/** The columns each move sets beside the status, and the events that announce it. */
function consequences(
  video: VideoRow,
  move: VideoMove,
): { change: VideoChange; events: NewEvent[] } {
  const about = { videoId: video.id, tenantId: video.tenantId };
  switch (move.to) {
    case 'processing':
      return {
        change: {},
        events: [
          { topic: TOPICS.videoUploadCompleted, ...about },
          { topic: TOPICS.transcodeRequested, ...about, data: { original_key: video.originalKey } },
        ],
      };
    case 'playable':
      return { change: {}, events: [{ topic: TOPICS.videoPlayable, ...about }] };
    case 'transcoded':
      return { change: {}, events: [] };
    case 'ready':
      return {
        change: { publishedAt: new Date(), ...(move.autoPublish && { autoPublish: true }) },
        events: [{ topic: TOPICS.videoPublished, ...about }],
      };
    case 'failed':
      return {
        change: { errorCode: move.code, errorMessage: move.message },
        events: [{ topic: TOPICS.videoFailed, ...about, data: { error: move.code } }],
      };
    case 'taken_down':
      return {
        change: {
          takedownReason: move.reason,
          takedownNotice: move.notice,
          takenDownAt: new Date(),
          statusBeforeTakedown: takenDownFrom(video.status),
        },
        events: [{ topic: TOPICS.videoTakenDown, ...about, data: { reason: move.reason } }],
      };
  }
}

/**
 * The one writer of `videos.status`. Checks the move against the state table in
 * domain/video-status.ts, writes it and emits its events in the caller's transaction, on a
 * video the caller locked. Moving to the status it has changes nothing (false); an impossible
 * move is a 409. The outcome of an encode on a video taken down mid-encode is kept for its
 * restore, announced by nothing: no `video.published` while it is taken down.
 */
export async function transitionVideo(
  tx: Queryable,
  video: VideoRow,
  move: VideoMove,
): Promise<boolean> {
  const deferred = outcomeUnderTakedown(video, move.to);
  if (deferred) {
    // A failure's reason shows at once; publishing waits for the restore.
    const reason = move.to === 'failed' && { errorCode: move.code, errorMessage: move.message };
    await writeVideoStatus(tx, video.id, 'taken_down', {
      ...reason,
      statusBeforeTakedown: deferred,
    });
    return true;
  }
  if (!mustMove(video.status, move.to)) return false;
  const { change, events } = consequences(video, move);
  await writeVideoStatus(tx, video.id, move.to, change);
  await emit(tx, ...events);
  return true;
}

/** What a restore to `to` announces besides `video.restored`: a first publish, or a failure. */
function firstAnnounced(
  video: VideoRow,
  to: VideoStatus,
): { change: VideoChange; events: NewEvent[] } {
  if (to === 'ready' && !video.publishedAt) return consequences(video, { to: 'ready' });
  if (to !== 'failed') return { change: {}, events: [] };
  const about = { videoId: video.id, tenantId: video.tenantId };
  // Its reason was written when the encode failed.
  return {
    change: {},
    events: [{ topic: TOPICS.videoFailed, ...about, data: { error: video.errorCode } }],
  };
}

/**
 * Ends a takedown: the video gets back the status it had, or what its encode made of it while it
 * was down (`playable` again if it still encodes), with the takedown's fields cleared, and
 * `video.restored` (not `video.published` for a video published before; a video that first
 * becomes ready here gets it too). On a video the caller locked; one that is not taken down is
 * left as it is (false).
 */
export async function restoreVideoStatus(tx: Queryable, video: VideoRow): Promise<boolean> {
  if (video.status !== 'taken_down') return false;
  const to = restoredStatus(video.statusBeforeTakedown);
  const { change, events } = firstAnnounced(video, to);
  await writeVideoStatus(tx, video.id, to, {
    ...change,
    takedownReason: null,
    takedownNotice: null,
    takenDownAt: null,
    statusBeforeTakedown: null,
  });
  await emit(
    tx,
    { topic: TOPICS.videoRestored, videoId: video.id, tenantId: video.tenantId },
    ...events,
  );
  return true;
}
