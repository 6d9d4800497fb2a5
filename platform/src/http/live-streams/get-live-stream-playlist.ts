import { livePlaylist } from '../../app/live-streams/live-playback.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from '../playback/playback-access.js';
import { sendPlayback } from '../playback/send-playback.js';

export const getLiveStreamPlaylist: OperationHandler<'getLiveStreamPlaylist'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const answer = await livePlaylist(ctx, {
    streamId: request.params.live_stream_id,
    rendition: request.params.rendition_id,
    msn: request.query._HLS_msn,
    part: request.query._HLS_part,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
