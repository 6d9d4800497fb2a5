import { liveMedia } from '../../app/live-streams/live-playback.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from '../playback/playback-access.js';
import { sendPlayback } from '../playback/send-playback.js';

export const getLiveStreamMedia: OperationHandler<'getLiveStreamMedia'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const { live_stream_id, session_id, rendition_id, file } = request.params;
  const answer = await liveMedia(ctx, {
    streamId: live_stream_id,
    session: session_id,
    rendition: rendition_id,
    file,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
