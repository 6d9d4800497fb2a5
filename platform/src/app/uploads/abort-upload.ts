import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { emit } from '../../db/outbox.js';
import { lockUpload } from '../../db/uploads.js';
import { lockVideo, setVideo } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { isCompleting } from '../../domain/upload-state.js';
import { transitionUpload } from './transition-upload.js';
import { uploadView } from './upload-view.js';

/** Drops the stored parts and the video waiting for them; aborting twice is safe. */
export async function abortUpload(
  ctx: Context,
  input: { tenantId: string; uploadId: string },
): Promise<components['schemas']['Upload']> {
  const { tenantId } = input;
  const upload = await ctx.database.db.transaction(async (tx) => {
    const upload = await lockUpload(tx, tenantId, input.uploadId);
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
}
