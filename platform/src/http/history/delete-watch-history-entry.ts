import { removeHistoryEntry } from '../../app/history/remove-history.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteWatchHistoryEntry: OperationHandler<'deleteWatchHistoryEntry'> = async (
  ctx,
  request,
  caller,
) => {
  if (!caller.viewer) throw unauthorized();
  await removeHistoryEntry(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    videoId: request.params.video_id,
  });
  return answer(204);
};
