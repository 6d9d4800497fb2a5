import { unblockMedia } from '../../app/blocked-media/unblock-media.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteOperatorBlockedMedia: OperationHandler<'deleteOperatorBlockedMedia'> = async (
  ctx,
  request,
) => {
  await unblockMedia(ctx, { tenantId: null, entryId: request.params.blocked_media_id });
  return answer(204);
};
