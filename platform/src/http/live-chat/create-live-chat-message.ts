import { postChatMessage } from '../../app/live-chat/post-chat-message.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createLiveChatMessage: OperationHandler<'createLiveChatMessage'> = async (
  ctx,
  request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  const message = await postChatMessage(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    liveStreamId: request.params.live_stream_id,
    text: request.body.text,
  });
  return answer(201, message);
};
