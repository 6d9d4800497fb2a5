import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';
import { sendMedia } from './serve-object.js';

export const getThumbnail: OperationHandler<'getThumbnail'> = async (ctx, request, reply) => {
  const grant = await authorizePlayback(ctx, request.params.video_id, 'thumbnail', request.query);
  const key = mediaKeys.thumbnail(grant.video.id, request.params.size);
  return sendMedia(ctx, request, reply, grant, key, 'image/jpeg');
};
