import { transitionUpload } from '../../app/uploads/transition-upload.js';
import { emit } from '../../db/outbox.js';
import { isCompleting, lockUpload } from '../../db/uploads.js';
import { lockVideo, setVideo } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { OperationHandler } from '../operation.js';
import { uploadView } from './upload-view.js';

export const abortUpload: OperationHandler<'abortUpload'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const { tenantId } = caller;
  const upload = await ctx.database.db.transaction(async (tx) => {
    const upload = await lockUpload(tx, tenantId, request.params.upload_id);
    if (!upload) throw notFound('Upload');
    if (upload.status === 'aborted') return upload;
    if (upload.status === 'completed') {
      throw conflict(
        'upload_completed',
        'A completed upload cannot be aborted; delete the video instead',
      );
    }
    if (isCompleting(upload)) {
      throw conflict(
        'upload_completing',
        'This upload is being completed; delete the video instead once it is',
      );
    }
    const video = await lockVideo(tx, upload.videoId, tenantId);
    await ctx.store.abortMultipart(video?.originalKey ?? '', upload.multipartId);
    if (video) {
      await setVideo(tx, video.id, { deletedAt: new Date() });
      await emit(tx, { topic: TOPICS.videoDeleted, videoId: video.id, tenantId });
    }
    return transitionUpload(tx, upload, { to: 'aborted' });
  });
  return uploadView(upload);
};
