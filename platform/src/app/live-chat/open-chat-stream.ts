import type { Context } from '../../context.js';
import { findChatMessage, listChatMessages } from '../../db/live-chat.js';
import type { LiveChatEvent } from '../../ports/notification-hub.js';
import type { Reader } from '../auth/reader.js';
import { chatMessageView } from './chat-message-view.js';
import { readChattedStream } from './chat-stream.js';

const REPLAY_PAGE = 500;

/**
 * Sends the chat of a stream the reader may read (`readChattedStream`): the messages posted
 * after `lastEventId` (a reconnect), then each new message and deletion as the hub brings
 * it. It listens before it reads, holding back what arrives meanwhile, so nothing posted
 * between the two is lost or sent twice. Answers the stop.
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
  // What the catch-up sent, which the hub may bring again; live messages come once by themselves,
  // so the set stays as small as the catch-up.
  const sent = new Set<string>();
  const isRepeat = (event: LiveChatEvent) =>
    event.kind === 'message' && sent.has(event.message.message_id);
  let held: LiveChatEvent[] | undefined = [];
  const stop = await ctx.notifications.subscribeChat(tenantId, stream.id, (event) => {
    if (held) held.push(event);
    else if (!isRepeat(event)) send(event);
  });
  const sendOnce = (event: LiveChatEvent) => {
    if (isRepeat(event)) return;
    if (event.kind === 'message') sent.add(event.message.message_id);
    send(event);
  };
  try {
    const anchor = input.lastEventId
      ? await findChatMessage(ctx.database.db, stream.id, input.lastEventId)
      : undefined;
    let seq = anchor?.seq;
    while (seq !== undefined) {
      const rows = await listChatMessages(ctx.database.db, stream.id, {
        direction: 'after',
        seq,
        limit: REPLAY_PAGE,
      });
      for (const row of rows)
        sendOnce({ tenantId, kind: 'message', message: chatMessageView(row) });
      seq = rows.length === REPLAY_PAGE ? rows.at(-1)?.seq : undefined;
    }
  } catch (error) {
    stop();
    throw error;
  }
  const waiting = held;
  held = undefined;
  for (const event of waiting) sendOnce(event);
  return stop;
}
