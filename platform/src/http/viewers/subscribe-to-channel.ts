import { subscribe } from '../../app/channels/subscribe.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const subscribeToChannel: OperationHandler<'subscribeToChannel'> = (
  ctx,
  request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  return subscribe(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    channelId: request.params.channel_id,
  });
};
