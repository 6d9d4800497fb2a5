import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { playableVideo } from './playable-video.js';
import { CACHE, sendObject } from './serve-object.js';

export const getStoryboardImage: OperationHandler<'getStoryboardImage'> = async (
  ctx,
  request,
  reply,
) => {
  const video = await playableVideo(ctx, request.params.video_id);
  return sendObject(
    ctx,
    request,
    reply,
    mediaKeys.storyboardImage(video.id),
    'image/jpeg',
    CACHE.immutable,
  );
};
