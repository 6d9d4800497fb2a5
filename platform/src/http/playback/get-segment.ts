import { ReelError } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { allowsHeight } from '../../domain/playback-tokens.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';
import { CACHE, sendObject } from './serve-object.js';

export const getSegment: OperationHandler<'getSegment'> = async (ctx, request, reply) => {
  const { video_id, rendition_id, segment } = request.params;
  const grant = await authorizePlayback(ctx, video_id, 'v', request.query);
  if (!allowsHeight(grant.maxHeight, rendition_id)) {
    throw new ReelError(
      403,
      'rendition_not_allowed',
      `This token allows up to ${grant.maxHeight}p`,
    );
  }
  const type = segment === 'init.mp4' ? 'video/mp4' : 'video/iso.segment';
  const key = mediaKeys.segment(grant.video.id, rendition_id, segment);
  return sendObject(ctx, request, reply, key, type, CACHE.immutable);
};
