import type { Context } from '../../context.js';
import { emit } from '../../db/outbox.js';
import { lockPendingUploadsOf } from '../../db/uploads.js';
import { setVideo } from '../../db/videos.js';
import { TOPICS } from '../../domain/event-routes.js';
import { transitionUpload } from '../uploads/transition-upload.js';
import { changeVideo } from './change-video.js';

/** Marks the video deleted now, with its pending uploads aborted; cleanup removes its media. */
export async function deleteVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<void> {
  await changeVideo(ctx, input, async (tx, video) => {
    await setVideo(tx, video.id, { deletedAt: new Date() });
    for (const upload of await lockPendingUploadsOf(tx, video.id)) {
      await transitionUpload(tx, upload, { to: 'aborted' });
    }
    await emit(tx, {
      topic: TOPICS.videoDeleted,
      videoId: video.id,
      tenantId: video.tenantId,
      data: { original_key: video.originalKey },
    });
  });
}
