import { setEndpoint } from '../../db/webhooks.js';
import type { OperationHandler } from '../operation.js';
import { checkEndpointUrl } from './endpoint-url.js';
import { endpointView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const updateWebhookEndpoint: OperationHandler<'updateWebhookEndpoint'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  const { url, event_types, description, enabled } = request.body;
  if (url !== undefined) await checkEndpointUrl(url, ctx.config.webhooks.allowLoopback);
  const updated = await setEndpoint(ctx.database.db, endpoint.id, {
    ...(url !== undefined && { url }),
    ...(event_types !== undefined && { eventTypes: event_types }),
    ...(description !== undefined && { description }),
    ...(enabled === true && { disabledAt: null, disabledReason: null }),
    ...(enabled === false && { disabledAt: new Date(), disabledReason: 'Disabled by the tenant' }),
  });
  return endpointView(updated);
};
