import { setLike } from '../../app/likes/set-like.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const likeVideo: OperationHandler<'likeVideo'> = (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  return setLike(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    videoId: request.params.video_id,
    liked: true,
  });
};
