import { updateChannel as updateTheChannel } from '../../app/channels/update-channel.js';
import type { OperationHandler } from '../operation.js';

export const updateChannel: OperationHandler<'updateChannel'> = (ctx, request, caller) =>
  updateTheChannel(ctx, {
    tenantId: caller.tenantId,
    channelId: request.params.channel_id,
    change: request.body,
  });
