import type { Context } from '../../context.js';
import { findChatMessage, listChatMessages } from '../../db/live-chat.js';
import type { LiveChatEvent } from '../../ports/notification-hub.js';
import { replayThenFollow, rowsInPagesAfter } from '../replay-then-follow.js';
import { chatMessageView } from './chat-message-view.js';
import { chattedStream } from './chat-stream.js';

/**
 * Sends a stream's chat messages posted after `lastEventId` (a reconnect), then each new
 * message and deletion as the hub brings it, nothing lost or sent twice. Answers the stop.
 */
export async function openChatStream(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string; lastEventId?: string },
  send: (event: LiveChatEvent) => void,
): Promise<() => void> {
  const { tenantId } = input;
  const stream = await chattedStream(ctx, tenantId, input.liveStreamId);
  const db = ctx.database.db;
  return replayThenFollow({
    subscribe: (deliver) => ctx.notifications.subscribeChat(tenantId, stream.id, deliver),
    async *replay() {
      const anchor = input.lastEventId
        ? await findChatMessage(db, stream.id, input.lastEventId)
        : undefined;
      const rows = rowsInPagesAfter(
        anchor?.seq,
        (seq, limit) => listChatMessages(db, stream.id, { direction: 'after', seq, limit }),
        (row) => row.seq,
      );
      for await (const row of rows)
        yield { tenantId, kind: 'message', message: chatMessageView(row) } as const;
    },
    // A deletion names a message already sent, and must still go out.
    replayedId: (event) => (event.kind === 'message' ? event.message.message_id : undefined),
    send,
  });
}
