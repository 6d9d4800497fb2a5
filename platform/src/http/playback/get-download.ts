import { create as contentDisposition } from 'content-disposition';
import { getDownload as downloadFor } from '../../app/playback/get-download.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';
import { sendPlayback } from './send-playback.js';

export const getDownload: OperationHandler<'getDownload'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const { video_id, file } = request.params;
  const { answer, filename } = await downloadFor(ctx, {
    videoId: video_id,
    file,
    access: playbackAccess(ctx, request),
  });
  reply.header('Content-Disposition', contentDisposition(filename));
  return sendPlayback(request, reply, answer);
};
