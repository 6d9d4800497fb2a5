import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { holdChannel } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { lockVideo, setVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { type ApiVideo, currentVideo } from './video-view.js';

/** Changes the fields given and announces which (`video.updated`). */
export async function updateVideo(
  ctx: Context,
  input: {
    tenantId: string;
    videoId: string;
    change: components['schemas']['UpdateVideoRequest'];
  },
): Promise<ApiVideo> {
  const { tenantId, videoId, change } = input;
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId, tenantId);
    if (!video) throw notFound('Video');
    if (change.channel_id && !(await holdChannel(tx, tenantId, change.channel_id))) {
      throw notFound('Channel');
    }
    await setVideo(tx, video.id, {
      ...(change.title !== undefined && { title: change.title }),
      ...(change.description !== undefined && { description: change.description }),
      ...(change.tags !== undefined && { tags: change.tags }),
      ...(change.visibility !== undefined && { visibility: change.visibility }),
      ...(change.category !== undefined && { category: change.category }),
      ...(change.language !== undefined && { language: change.language }),
      ...(change.playback_policy !== undefined && { playbackPolicy: change.playback_policy }),
      ...(change.comments_policy !== undefined && { commentsPolicy: change.comments_policy }),
      ...(change.channel_id !== undefined && { channelId: change.channel_id }),
      ...(change.age_restriction !== undefined && { ageRestriction: change.age_restriction }),
      ...(change.geo !== undefined && { geo: change.geo }),
      ...(change.mp4_support !== undefined && { mp4Support: change.mp4_support }),
    });
    if (change.mp4_support !== undefined && change.mp4_support !== video.mp4Support) {
      await emit(tx, { topic: TOPICS.downloadsRequested, videoId: video.id, tenantId, data: {} });
    }
    await emit(tx, {
      topic: TOPICS.videoUpdated,
      videoId: video.id,
      tenantId,
      data: { changed: Object.keys(change) },
    });
  });
  await invalidateVideo(ctx, videoId);
  return currentVideo(ctx, tenantId, videoId);
}
