import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';
import { sendMedia } from './serve-object.js';

export const getStoryboardImage: OperationHandler<'getStoryboardImage'> = async (
  ctx,
  request,
  reply,
) => {
  const grant = await authorizePlayback(
    ctx,
    request.params.video_id,
    'storyboard_image',
    request.query,
  );
  const key = mediaKeys.storyboardImage(grant.video.id);
  return sendMedia(ctx, request, reply, grant, key, 'image/jpeg');
};
