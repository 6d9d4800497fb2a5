import { liveManifest } from '../../app/live-streams/live-playback.js';
import type { OperationHandler } from '../operation.js';
import { sendPlayback } from '../playback/send-playback.js';

export const getLiveStreamManifest: OperationHandler<'getLiveStreamManifest'> = async (
  ctx,
  request,
  _caller,
  reply,
) => sendPlayback(request, reply, await liveManifest(ctx, request.params.live_stream_id));
