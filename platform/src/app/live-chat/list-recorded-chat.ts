import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listRecordedChat as listRows } from '../../db/live-chat.js';
import { decodeChatCursor, encodeChatCursor } from '../../domain/chat-cursor.js';
import { notFound } from '../../domain/errors.js';
import type { Reader } from '../auth/reader.js';
import { commentedVideo } from '../comments/comment-readers.js';
import { pageOf } from '../list-page.js';
import { chatMessageView } from './chat-message-view.js';

/**
 * The chat of the live session a video recorded, oldest first, each message's `at_sec` counted
 * from the video's start. Whoever may read the video's comments may read it.
 */
export async function listRecordedChat(
  ctx: Context,
  input: { reader: Reader; videoId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['LiveChatMessageList']> {
  const video = await commentedVideo(ctx, input.reader, input.videoId);
  if (!video) throw notFound('Video');
  const limit = input.limit ?? 25;
  const seq = input.cursor ? decodeChatCursor(input.cursor).seq : undefined;
  const rows = await listRows(ctx.database.db, video.id, {
    direction: 'after',
    seq,
    limit: limit + 1,
  });
  return pageOf(
    rows,
    limit,
    (row) => ({ ...chatMessageView(row), at_sec: row.recordingAtSec }),
    (last) => encodeChatCursor({ direction: 'after', seq: last.seq }),
  );
}
