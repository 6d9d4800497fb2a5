import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';
import { sendPlaylist } from './serve-object.js';

export const getStoryboardVtt: OperationHandler<'getStoryboardVtt'> = async (
  ctx,
  request,
  reply,
) => {
  const grant = await authorizePlayback(
    ctx,
    request.params.video_id,
    'storyboard_vtt',
    request.query,
  );
  return sendPlaylist(
    ctx,
    request,
    reply,
    mediaKeys.storyboardVtt(grant.video.id),
    'text/vtt',
    grant.st,
    (text, st) => text.replaceAll('storyboard.jpg#', `storyboard.jpg?st=${st}#`),
  );
};
