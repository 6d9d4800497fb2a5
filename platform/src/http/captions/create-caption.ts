import { createCaption as addCaption } from '../../app/captions/create-caption.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createCaption: OperationHandler<'createCaption'> = async (ctx, request, caller) =>
  answer(
    201,
    await addCaption(ctx, {
      tenantId: caller.tenantId,
      videoId: request.params.video_id,
      caption: request.body,
    }),
  );
