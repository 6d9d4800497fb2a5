import { deleteLiveStream as deleteTheLiveStream } from '../../app/live-streams/delete-live-stream.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteLiveStream: OperationHandler<'deleteLiveStream'> = async (
  ctx,
  request,
  caller,
) => {
  await deleteTheLiveStream(ctx, {
    tenantId: caller.tenantId,
    liveStreamId: request.params.live_stream_id,
  });
  return answer(204);
};
