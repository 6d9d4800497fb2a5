import { getMediaPlaylist as mediaPlaylistFor } from '../../app/playback/get-media-playlist.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getMediaPlaylist: OperationHandler<'getMediaPlaylist'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const { video_id, rendition_id } = request.params;
  const answer = await mediaPlaylistFor(ctx, {
    videoId: video_id,
    renditionId: rendition_id,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
