import type { Context } from '../../context.js';
import { isBanned } from '../../db/comment-bans.js';
import { insertChatMessage } from '../../db/live-chat.js';
import { conflict, ReelError } from '../../domain/errors.js';
import { chatIsOpen, checkChatText, secondsIntoSession } from '../../domain/live-chat.js';
import type { ApiLiveChatMessage } from '../../ports/notification-hub.js';
import { afterCommit } from '../idempotency.js';
import { chatMessageView } from './chat-message-view.js';
import { chattedStream } from './chat-stream.js';

/**
 * A viewer's chat message on a stream that is not over, refused to a viewer banned from
 * commenting (one ban list for both); once stored, it goes to every listener of the chat.
 */
export async function postChatMessage(
  ctx: Context,
  input: { tenantId: string; viewerId: string; liveStreamId: string; text: string },
): Promise<ApiLiveChatMessage> {
  const { tenantId, viewerId } = input;
  const text = checkChatText(input.text);
  const stream = await chattedStream(ctx, tenantId, input.liveStreamId);
  if (!chatIsOpen(stream.status)) {
    throw conflict('live_chat_closed', `This live stream is ${stream.status}; its chat is closed`, {
      status: stream.status,
    });
  }
  if (await isBanned(ctx.database.db, tenantId, viewerId)) {
    throw new ReelError(403, 'commenting_banned', 'This viewer may not chat here');
  }
  const row = await insertChatMessage(ctx.database.db, {
    tenantId,
    liveStreamId: stream.id,
    viewerId,
    text,
    atSec: secondsIntoSession(stream.sessionStartedAt, new Date()),
  });
  const message = chatMessageView(row);
  await afterCommit(ctx, () =>
    ctx.notifications.publishChat({ tenantId, kind: 'message', message }),
  );
  return message;
}
