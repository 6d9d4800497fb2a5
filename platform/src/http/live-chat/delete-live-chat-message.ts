import { deleteChatMessage } from '../../app/live-chat/delete-chat-message.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteLiveChatMessage: OperationHandler<'deleteLiveChatMessage'> = async (
  ctx,
  request,
  caller,
) => {
  await deleteChatMessage(ctx, {
    tenantId: caller.tenantId,
    liveStreamId: request.params.live_stream_id,
    messageId: request.params.message_id,
  });
  return answer(204);
};
