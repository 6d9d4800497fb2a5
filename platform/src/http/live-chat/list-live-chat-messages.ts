import { readerOf } from '../../app/auth/reader.js';
import { listChatMessages } from '../../app/live-chat/list-chat-messages.js';
import type { OperationHandler } from '../operation.js';

export const listLiveChatMessages: OperationHandler<'listLiveChatMessages'> = (
  ctx,
  request,
  caller,
) =>
  listChatMessages(ctx, {
    reader: readerOf(caller),
    liveStreamId: request.params.live_stream_id,
    ...request.query,
  });
