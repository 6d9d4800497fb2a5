import { getCaption as readCaption } from '../../app/captions/get-caption.js';
import type { OperationHandler } from '../operation.js';

export const getCaption: OperationHandler<'getCaption'> = (ctx, request, caller) =>
  readCaption(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    captionId: request.params.caption_id,
  });
