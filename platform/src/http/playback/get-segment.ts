import { getSegment as segmentFor } from '../../app/playback/get-segment.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getSegment: OperationHandler<'getSegment'> = async (ctx, request, _caller, reply) => {
  const { video_id, rendition_id, segment } = request.params;
  const answer = await segmentFor(ctx, {
    videoId: video_id,
    renditionId: rendition_id,
    segment,
    access: playbackAccess(ctx, request),
  });
  return sendPlayback(request, reply, answer);
};
