import { getAnalyticsOverview as overviewOfTenant } from '../../app/analytics/get-analytics-overview.js';
import type { OperationHandler } from '../operation.js';

export const getAnalyticsOverview: OperationHandler<'getAnalyticsOverview'> = (
  ctx,
  request,
  caller,
) => overviewOfTenant(ctx, { tenantId: caller.tenantId, query: request.query });
