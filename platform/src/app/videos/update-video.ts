import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { holdChannel } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { setVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { changedVideo } from './change-video.js';
import type { ApiVideo } from './video-view.js';

/** Changes the fields given and announces which (`video.updated`). */
export async function updateVideo(
  ctx: Context,
  input: {
    tenantId: string;
    videoId: string;
    change: components['schemas']['UpdateVideoRequest'];
  },
): Promise<ApiVideo> {
  const { tenantId, change } = input;
  return changedVideo(ctx, input, async (tx, video) => {
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
}
