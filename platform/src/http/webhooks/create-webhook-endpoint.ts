import { createEndpoint } from '../../app/webhooks/create-endpoint.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createWebhookEndpoint: OperationHandler<'createWebhookEndpoint'> = async (
  ctx,
  request,
  caller,
) => {
  const { url, event_types, description } = request.body;
  const endpoint = await createEndpoint(ctx, {
    tenantId: caller.tenantId,
    url,
    eventTypes: event_types,
    description,
  });
  return answer(201, endpoint);
};
