import { resendDelivery } from '../../app/webhooks/resend-delivery.js';
import type { OperationHandler } from '../operation.js';

export const resendWebhookDelivery: OperationHandler<'resendWebhookDelivery'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const delivery = await resendDelivery(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    deliveryId: request.params.delivery_id,
  });
  return reply.status(202).send(delivery);
};
