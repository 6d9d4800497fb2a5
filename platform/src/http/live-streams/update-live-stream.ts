import { updateLiveStream as updateTheLiveStream } from '../../app/live-streams/update-live-stream.js';
import type { OperationHandler } from '../operation.js';

export const updateLiveStream: OperationHandler<'updateLiveStream'> = (ctx, request, caller) =>
  updateTheLiveStream(ctx, {
    tenantId: caller.tenantId,
    liveStreamId: request.params.live_stream_id,
    change: request.body,
  });
