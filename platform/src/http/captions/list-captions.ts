import { listCaptions as listTheCaptions } from '../../app/captions/list-captions.js';
import type { OperationHandler } from '../operation.js';

export const listCaptions: OperationHandler<'listCaptions'> = (ctx, request, caller) =>
  listTheCaptions(ctx, {
    tenantId: caller.tenantId,
    videoId: request.params.video_id,
    ...request.query,
  });
