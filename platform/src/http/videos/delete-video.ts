import { and, eq } from 'drizzle-orm';
import { invalidateVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { uploads } from '../../db/schema.js';
import { lockVideo, setVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { OperationHandler } from '../operation.js';

/** Marks the video deleted now; the cleanup worker removes its media from the store. */
export const deleteVideo: OperationHandler<'deleteVideo'> = async (ctx, request, reply, caller) => {
  const { tenantId } = caller;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, request.params.video_id, tenantId);
    if (!video) throw notFound('Video');
    await setVideo(tx, video.id, { deletedAt: new Date() });
    await tx
      .update(uploads)
      .set({ status: 'aborted' })
      .where(and(eq(uploads.videoId, video.id), eq(uploads.status, 'pending')));
    await emit(tx, {
      topic: TOPICS.videoDeleted,
      videoId: video.id,
      tenantId,
      data: { original_key: video.originalKey },
    });
  });
  await invalidateVideo(ctx, request.params.video_id);
  return reply.status(204).send();
};
