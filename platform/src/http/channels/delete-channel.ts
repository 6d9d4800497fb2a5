import { deleteChannel as deleteTheChannel } from '../../app/channels/delete-channel.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteChannel: OperationHandler<'deleteChannel'> = async (ctx, request, caller) => {
  await deleteTheChannel(ctx, { tenantId: caller.tenantId, channelId: request.params.channel_id });
  return answer(204);
};
