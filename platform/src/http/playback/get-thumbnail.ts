import { getThumbnail as thumbnailFor } from '../../app/playback/get-thumbnail.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getThumbnail: OperationHandler<'getThumbnail'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const { video_id, size } = request.params;
  const { time, width, height, fit } = request.query;
  const answer = await thumbnailFor(ctx, {
    videoId: video_id,
    size,
    access: playbackAccess(ctx, request),
    frame: { time, width, height, fit },
  });
  return sendPlayback(request, reply, answer);
};
