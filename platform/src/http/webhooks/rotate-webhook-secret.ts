import { rotateSecret } from '../../app/webhooks/rotate-secret.js';
import type { OperationHandler } from '../operation.js';

export const rotateWebhookSecret: OperationHandler<'rotateWebhookSecret'> = async (
  ctx,
  request,
  caller,
) =>
  rotateSecret(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    gracePeriodSec: request.body?.grace_period_sec,
  });
