import { readerOf } from '../../app/auth/reader.js';
import { listRecordedChat } from '../../app/live-chat/list-recorded-chat.js';
import type { OperationHandler } from '../operation.js';

export const listVideoChat: OperationHandler<'listVideoChat'> = (ctx, request, caller) =>
  listRecordedChat(ctx, {
    reader: readerOf(caller),
    videoId: request.params.video_id,
    ...request.query,
  });
