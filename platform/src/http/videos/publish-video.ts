import { invalidateVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { findVideo, lockVideo, setVideo } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mustMove } from '../../domain/video-status.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

export const publishVideo: OperationHandler<'publishVideo'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const { tenantId } = caller;
  const { db } = ctx.database;
  await db.transaction(async (tx) => {
    const video = await lockVideo(tx, request.params.video_id, tenantId);
    if (!video) throw notFound('Video');
    if (video.status !== 'transcoded' && video.status !== 'ready') {
      throw conflict('video_not_transcoded', `A ${video.status} video cannot be published yet`, {
        status: video.status,
      });
    }
    if (!mustMove(video.status, 'ready')) return;
    await setVideo(tx, video.id, { status: 'ready', publishedAt: new Date(), autoPublish: true });
    await emit(tx, { topic: TOPICS.videoPublished, videoId: video.id, tenantId });
  });
  await invalidateVideo(ctx, request.params.video_id);
  const video = await findVideo(db, tenantId, request.params.video_id);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
};
