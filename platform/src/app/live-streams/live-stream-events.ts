import type { LiveStreamRow } from '../../db/live-streams.js';
import type { NewEvent } from '../../db/outbox.js';
import { TOPICS } from '../../domain/event-routes.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { type LiveUrls, liveStreamView } from './live-stream-view.js';

const TOPIC_OF = {
  active: TOPICS.liveStreamActive,
  idle: TOPICS.liveStreamIdle,
  ended: TOPICS.liveStreamEnded,
} as const;

/** The webhook a move to this status sends, with the stream as it is now; none for `disabled`. */
export function liveStreamEvent(row: LiveStreamRow, urls: LiveUrls): NewEvent | undefined {
  if (row.status === 'disabled') return undefined;
  return {
    topic: TOPIC_OF[row.status],
    liveStreamId: row.id,
    tenantId: row.tenantId,
    data: withWebhookData({ live_stream: liveStreamView(row, urls) }),
  };
}

/** `live_stream.recording.ready`: the stream, naming the video its ended session became. */
export const recordingReadyEvent = (row: LiveStreamRow, urls: LiveUrls): NewEvent => ({
  topic: TOPICS.liveStreamRecordingReady,
  liveStreamId: row.id,
  tenantId: row.tenantId,
  data: withWebhookData({ live_stream: liveStreamView(row, urls) }),
});
