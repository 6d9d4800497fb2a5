import { getHistorySettings } from '../../app/history/history-settings.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const getWatchHistorySettings: OperationHandler<'getWatchHistorySettings'> = (
  ctx,
  _request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  return getHistorySettings(ctx, { tenantId: caller.tenantId, viewerId: caller.viewer.id });
};
