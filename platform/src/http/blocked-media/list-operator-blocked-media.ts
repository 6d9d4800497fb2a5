import { listBlockedMedia } from '../../app/blocked-media/list-blocked-media.js';
import type { OperationHandler } from '../operation.js';

export const listOperatorBlockedMedia: OperationHandler<'listOperatorBlockedMedia'> = (
  ctx,
  request,
) => listBlockedMedia(ctx, { tenantId: null, ...request.query });
