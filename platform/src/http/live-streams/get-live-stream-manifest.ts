import { liveManifest } from '../../app/live-streams/live-playback.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from '../playback/playback-access.js';
import { sendPlayback } from '../playback/send-playback.js';

export const getLiveStreamManifest: OperationHandler<'getLiveStreamManifest'> = async (
  ctx,
  request,
  _caller,
  reply,
) =>
  sendPlayback(
    request,
    reply,
    await liveManifest(ctx, {
      streamId: request.params.live_stream_id,
      access: playbackAccess(ctx, request),
    }),
  );
