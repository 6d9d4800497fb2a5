import { getCaptionTrack as captionTrackFor } from '../../app/playback/get-caption-track.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getCaptionTrack: OperationHandler<'getCaptionTrack'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const answer = await captionTrackFor(ctx, {
    videoId: request.params.video_id,
    captionId: request.params.caption_id,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
