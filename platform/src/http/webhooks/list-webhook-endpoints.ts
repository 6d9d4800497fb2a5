import { listEndpoints } from '../../db/webhooks.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { endpointView } from './endpoint-view.js';

export const listWebhookEndpoints: OperationHandler<'listWebhookEndpoints'> = async (
  ctx,
  request,
  _reply,
  caller,
) =>
  listPage(
    request.query,
    (after, limit) => listEndpoints(ctx.database.db, caller.tenantId, after, limit),
    endpointView,
  );
