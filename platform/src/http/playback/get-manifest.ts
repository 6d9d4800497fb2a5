import { getManifest as manifestFor } from '../../app/playback/get-manifest.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getManifest: OperationHandler<'getManifest'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const answer = await manifestFor(ctx, {
    videoId: request.params.video_id,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
