import { getChannelAnalytics as analyticsOfChannel } from '../../app/analytics/get-channel-analytics.js';
import type { OperationHandler } from '../operation.js';

export const getChannelAnalytics: OperationHandler<'getChannelAnalytics'> = (
  ctx,
  request,
  caller,
) =>
  analyticsOfChannel(ctx, {
    tenantId: caller.tenantId,
    channelId: request.params.channel_id,
    query: request.query,
  });
