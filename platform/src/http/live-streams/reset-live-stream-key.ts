import { resetStreamKey } from '../../app/live-streams/reset-stream-key.js';
import type { OperationHandler } from '../operation.js';

export const resetLiveStreamKey: OperationHandler<'resetLiveStreamKey'> = (ctx, request, caller) =>
  resetStreamKey(ctx, { tenantId: caller.tenantId, liveStreamId: request.params.live_stream_id });
