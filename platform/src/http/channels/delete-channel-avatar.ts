import { deleteChannelAvatar as deleteTheAvatar } from '../../app/channels/delete-avatar.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteChannelAvatar: OperationHandler<'deleteChannelAvatar'> = async (
  ctx,
  request,
  caller,
) => {
  await deleteTheAvatar(ctx, { tenantId: caller.tenantId, channelId: request.params.channel_id });
  return answer(204);
};
