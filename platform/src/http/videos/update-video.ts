import { invalidateVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { findVideo, lockVideo, setVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

export const updateVideo: OperationHandler<'updateVideo'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const { tenantId } = caller;
  const { db } = ctx.database;
  const body = request.body;
  await db.transaction(async (tx) => {
    const video = await lockVideo(tx, request.params.video_id, tenantId);
    if (!video) throw notFound('Video');
    await setVideo(tx, video.id, {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.tags !== undefined && { tags: body.tags }),
      ...(body.visibility !== undefined && { visibility: body.visibility }),
      ...(body.category !== undefined && { category: body.category }),
      ...(body.language !== undefined && { language: body.language }),
      ...(body.playback_policy !== undefined && { playbackPolicy: body.playback_policy }),
    });
    await emit(tx, {
      topic: TOPICS.videoUpdated,
      videoId: video.id,
      tenantId,
      data: { changed: Object.keys(body) },
    });
  });
  await invalidateVideo(ctx, request.params.video_id);
  const video = await findVideo(db, tenantId, request.params.video_id);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
};
