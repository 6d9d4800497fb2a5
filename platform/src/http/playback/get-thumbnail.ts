import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { playableVideo } from './playable-video.js';
import { CACHE, sendObject } from './serve-object.js';

export const getThumbnail: OperationHandler<'getThumbnail'> = async (ctx, request, reply) => {
  const video = await playableVideo(ctx, request.params.video_id);
  const key = mediaKeys.thumbnail(video.id, request.params.size);
  return sendObject(ctx, request, reply, key, 'image/jpeg', CACHE.immutable);
};
