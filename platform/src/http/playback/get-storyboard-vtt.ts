import { getStoryboardVtt as storyboardVttFor } from '../../app/playback/get-storyboard-vtt.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getStoryboardVtt: OperationHandler<'getStoryboardVtt'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const access = playbackAccess(ctx, request);
  const answer = await storyboardVttFor(ctx, { videoId: request.params.video_id, access });
  return sendPlayback(request, reply, answer);
};
