import { getStoryboardImage as storyboardImageFor } from '../../app/playback/get-storyboard-image.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getStoryboardImage: OperationHandler<'getStoryboardImage'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const access = playbackAccess(ctx, request);
  const answer = await storyboardImageFor(ctx, { videoId: request.params.video_id, access });
  return sendPlayback(request, reply, answer);
};
