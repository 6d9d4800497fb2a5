import { createLiveStream as createTheLiveStream } from '../../app/live-streams/create-live-stream.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createLiveStream: OperationHandler<'createLiveStream'> = async (
  ctx,
  request,
  caller,
) =>
  answer(201, await createTheLiveStream(ctx, { tenantId: caller.tenantId, stream: request.body }));
