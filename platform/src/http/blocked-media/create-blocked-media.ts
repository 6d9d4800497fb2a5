import { blockMedia } from '../../app/blocked-media/block-media.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createBlockedMedia: OperationHandler<'createBlockedMedia'> = async (
  ctx,
  request,
  caller,
) => {
  const { entry, created } = await blockMedia(ctx, { tenantId: caller.tenantId, ...request.body });
  return answer(created ? 201 : 200, entry);
};
