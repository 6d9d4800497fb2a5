import { resendDelivery } from '../../app/webhooks/resend-delivery.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const resendWebhookDelivery: OperationHandler<'resendWebhookDelivery'> = async (
  ctx,
  request,
  caller,
) => {
  const delivery = await resendDelivery(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    deliveryId: request.params.delivery_id,
  });
  return answer(202, delivery);
};
