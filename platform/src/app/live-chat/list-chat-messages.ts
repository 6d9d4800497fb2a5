import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findChatMessage, listChatMessages as listRows } from '../../db/live-chat.js';
import { type ChatPosition, decodeChatCursor, encodeChatCursor } from '../../domain/chat-cursor.js';
import { notFound } from '../../domain/errors.js';
import type { Reader } from '../auth/reader.js';
import { pageOf } from '../list-page.js';
import { chatMessageView } from './chat-message-view.js';
import { readChattedStream } from './chat-stream.js';

/**
 * A stream's chat as the reader may see it (anyone: a public stream's), deleted messages left
 * out: newest first, or with `after` (a message id) the ones posted after it, oldest first. The
 * cursor carries the direction on.
 */
export async function listChatMessages(
  ctx: Context,
  input: {
    reader: Reader;
    liveStreamId: string;
    cursor?: string;
    after?: string;
    limit?: number;
  },
): Promise<components['schemas']['LiveChatMessageList']> {
  const stream = await readChattedStream(ctx, input.reader, input.liveStreamId, 'missing');
  const limit = input.limit ?? 25;
  const position = input.cursor
    ? decodeChatCursor(input.cursor)
    : input.after
      ? await positionAfter(ctx, stream.id, input.after)
      : { direction: 'before' as const, seq: undefined };
  const rows = await listRows(ctx.database.db, stream.id, { ...position, limit: limit + 1 });
  return pageOf(rows, limit, chatMessageView, (last) =>
    encodeChatCursor({ direction: position.direction, seq: last.seq }),
  );
}

/** Where a replay starts: after a message of this chat (a deleted one too). */
async function positionAfter(ctx: Context, liveStreamId: string, messageId: string) {
  const anchor = await findChatMessage(ctx.database.db, liveStreamId, messageId);
  // A well-formed id of no message here names nothing to start after, as a path id would.
  if (!anchor) throw notFound('Chat message given as after');
  return { direction: 'after', seq: anchor.seq } satisfies ChatPosition;
}
