import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { lockPendingUploadsOf } from '../../db/uploads.js';
import { lockVideo, setVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { transitionUpload } from '../uploads/transition-upload.js';

/** Marks the video deleted now, with its pending uploads aborted; cleanup removes its media. */
export async function deleteVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<void> {
  const { tenantId, videoId } = input;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    await setVideo(tx, video.id, { deletedAt: new Date() });
    for (const upload of await lockPendingUploadsOf(tx, video.id)) {
      await transitionUpload(tx, upload, { to: 'aborted' });
    }
    await emit(tx, {
      topic: TOPICS.videoDeleted,
      videoId: video.id,
      tenantId,
      data: { original_key: video.originalKey },
    });
  });
  await invalidateVideo(ctx, videoId);
}
