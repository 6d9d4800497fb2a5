import { disableLiveStream as disableTheLiveStream } from '../../app/live-streams/disable-live-stream.js';
import type { OperationHandler } from '../operation.js';

export const disableLiveStream: OperationHandler<'disableLiveStream'> = (ctx, request, caller) =>
  disableTheLiveStream(ctx, {
    tenantId: caller.tenantId,
    liveStreamId: request.params.live_stream_id,
  });
