import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { playableVideo } from './playable-video.js';
import { CACHE, sendObject } from './serve-object.js';

export const getSegment: OperationHandler<'getSegment'> = async (ctx, request, reply) => {
  const { rendition_id, segment } = request.params;
  const video = await playableVideo(ctx, request.params.video_id);
  const type = segment === 'init.mp4' ? 'video/mp4' : 'video/iso.segment';
  return sendObject(
    ctx,
    request,
    reply,
    mediaKeys.segment(video.id, rendition_id, segment),
    type,
    CACHE.immutable,
  );
};
