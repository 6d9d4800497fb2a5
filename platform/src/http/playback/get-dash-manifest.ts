import { getDashManifest as dashManifestFor } from '../../app/playback/get-dash-manifest.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getDashManifest: OperationHandler<'getDashManifest'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const answer = await dashManifestFor(ctx, {
    videoId: request.params.video_id,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
