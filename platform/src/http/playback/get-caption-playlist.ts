import { getCaptionPlaylist as captionPlaylistFor } from '../../app/playback/get-caption-playlist.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getCaptionPlaylist: OperationHandler<'getCaptionPlaylist'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const answer = await captionPlaylistFor(ctx, {
    videoId: request.params.video_id,
    captionId: request.params.caption_id,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
