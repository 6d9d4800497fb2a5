import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { HLS_TYPE } from './get-manifest.js';
import { playableVideo } from './playable-video.js';
import { CACHE, sendObject } from './serve-object.js';

export const getMediaPlaylist: OperationHandler<'getMediaPlaylist'> = async (
  ctx,
  request,
  reply,
) => {
  const video = await playableVideo(ctx, request.params.video_id);
  const key = mediaKeys.mediaPlaylist(video.id, request.params.rendition_id);
  return sendObject(ctx, request, reply, key, HLS_TYPE, CACHE.playlist);
};
