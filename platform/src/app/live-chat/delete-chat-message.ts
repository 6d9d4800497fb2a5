import type { Context } from '../../context.js';
import { markChatMessageDeleted } from '../../db/live-chat.js';
import { notFound } from '../../domain/errors.js';
import { afterCommit } from '../idempotency.js';
import { chatMessageView } from './chat-message-view.js';
import { chattedStream } from './chat-stream.js';

/** The tenant deletes a chat message: it leaves the lists, and the chat's listeners are told. */
export async function deleteChatMessage(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string; messageId: string },
): Promise<void> {
  const stream = await chattedStream(ctx, input.tenantId, input.liveStreamId);
  const row = await markChatMessageDeleted(ctx.database.db, stream.id, input.messageId);
  if (!row) throw notFound('Chat message');
  const message = { ...chatMessageView(row), text: '' };
  await afterCommit(ctx, () =>
    ctx.notifications.publishChat({ tenantId: input.tenantId, kind: 'deleted', message }),
  );
}
