import { unblockMedia } from '../../app/blocked-media/unblock-media.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteBlockedMedia: OperationHandler<'deleteBlockedMedia'> = async (
  ctx,
  request,
  caller,
) => {
  await unblockMedia(ctx, { tenantId: caller.tenantId, entryId: request.params.blocked_media_id });
  return answer(204);
};
