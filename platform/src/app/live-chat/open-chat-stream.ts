import type { Context } from '../../context.js';
import { findChatMessage, listChatMessages } from '../../db/live-chat.js';
import type { LiveChatEvent } from '../../ports/notification-hub.js';
import type { Reader } from '../auth/reader.js';
import { replayThenFollow, rowsInPagesAfter } from '../replay-then-follow.js';
import { chatMessageView } from './chat-message-view.js';
import { readChattedStream } from './chat-stream.js';

/**
 * Sends the chat of a stream the reader may read (`readChattedStream`): the messages posted
 * after `lastEventId` (a reconnect), then each new message and deletion as the hub brings it,
 * nothing lost or sent twice. Answers the stop.
 */
export async function openChatStream(
  ctx: Context,
  input: { reader: Reader; liveStreamId: string; lastEventId?: string },
  send: (event: LiveChatEvent) => void,
): Promise<() => void> {
  const stream = await readChattedStream(
    ctx,
    input.reader,
    input.liveStreamId,
    'ask-for-credential',
  );
  // An anonymous reader names no tenant: the stream's own is the chat's.
  const tenantId = stream.tenantId;
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
