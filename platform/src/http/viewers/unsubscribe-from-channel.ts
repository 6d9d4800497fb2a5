import { unsubscribe } from '../../app/channels/subscribe.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const unsubscribeFromChannel: OperationHandler<'unsubscribeFromChannel'> = async (
  ctx,
  request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  await unsubscribe(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    channelId: request.params.channel_id,
  });
  return answer(204);
};
