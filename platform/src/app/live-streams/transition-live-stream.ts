import type { Queryable } from '../../db/connection.js';
import { type LiveStreamRow, writeLiveStreamStatus } from '../../db/live-streams.js';
import { emit } from '../../db/outbox.js';
import { type LiveStreamMove, liveStreamAfter } from '../../domain/live-stream-status.js';
import { liveStreamEvent } from './live-stream-events.js';
import type { LiveUrls } from './live-stream-view.js';

/**
 * The one writer of a live stream's status: applies a move of the table in `domain/` to a
 * locked row, and emits its webhook in the same transaction. A move that does not apply changes
 * nothing and answers `moved: false`.
 */
export async function transitionLiveStream(
  tx: Queryable,
  stream: LiveStreamRow,
  move: LiveStreamMove,
  urls: LiveUrls,
): Promise<{ row: LiveStreamRow; moved: boolean }> {
  const next = liveStreamAfter(stream.status, move);
  if (!next) return { row: stream, moved: false };
  const row = await writeLiveStreamStatus(tx, stream.id, next, next === 'idle' ? new Date() : null);
  const event = liveStreamEvent(row, urls);
  if (event) await emit(tx, event);
  return { row, moved: true };
}
