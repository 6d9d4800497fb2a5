import { blockMedia } from '../../app/blocked-media/block-media.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createOperatorBlockedMedia: OperationHandler<'createOperatorBlockedMedia'> = async (
  ctx,
  request,
) => {
  const { entry, created } = await blockMedia(ctx, { tenantId: null, ...request.body });
  return answer(created ? 201 : 200, entry);
};
