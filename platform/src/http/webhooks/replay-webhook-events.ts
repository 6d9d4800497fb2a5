import { replayEvents } from '../../app/webhooks/replay-events.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const replayWebhookEvents: OperationHandler<'replayWebhookEvents'> = async (
  ctx,
  request,
  caller,
) => {
  const result = await replayEvents(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    since: new Date(request.body.since),
  });
  return answer(202, result);
};
