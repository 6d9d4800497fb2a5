import { updateHistorySettings } from '../../app/history/history-settings.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const updateWatchHistorySettings: OperationHandler<'updateWatchHistorySettings'> = (
  ctx,
  request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  return updateHistorySettings(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    paused: request.body.paused,
  });
};
