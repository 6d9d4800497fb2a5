import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { assertRenditionAllowed, authorizePlayback } from './playback-access.js';
import { sendMedia } from './serve-object.js';

export const getSegment: OperationHandler<'getSegment'> = async (ctx, request, reply) => {
  const { video_id, rendition_id, segment } = request.params;
  const grant = await authorizePlayback(ctx, video_id, 'media', request.query);
  assertRenditionAllowed(grant, rendition_id);
  const type = segment === 'init.mp4' ? 'video/mp4' : 'video/iso.segment';
  const key = mediaKeys.segment(grant.video.id, rendition_id, segment);
  return sendMedia(ctx, request, reply, grant, key, type);
};
