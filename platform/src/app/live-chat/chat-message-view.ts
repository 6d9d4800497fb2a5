import type { LiveChatRow } from '../../db/live-chat.js';
import type { ApiLiveChatMessage } from '../../ports/notification-hub.js';

export function chatMessageView(row: LiveChatRow): ApiLiveChatMessage {
  return {
    message_id: row.id,
    live_stream_id: row.liveStreamId,
    viewer_id: row.viewerId,
    text: row.text,
    at_sec: row.atSec,
    created_at: row.createdAt.toISOString(),
  };
}
