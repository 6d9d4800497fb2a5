import { clearHistory } from '../../app/history/remove-history.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const clearWatchHistory: OperationHandler<'clearWatchHistory'> = async (
  ctx,
  _request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  await clearHistory(ctx, { tenantId: caller.tenantId, viewerId: caller.viewer.id });
  return answer(204);
};
