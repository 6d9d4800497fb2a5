import { getLiveStream as getTheLiveStream } from '../../app/live-streams/get-live-stream.js';
import type { OperationHandler } from '../operation.js';

export const getLiveStream: OperationHandler<'getLiveStream'> = (ctx, request, caller) =>
  getTheLiveStream(ctx, { tenantId: caller.tenantId, liveStreamId: request.params.live_stream_id });
