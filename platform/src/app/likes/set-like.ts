import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { addLike, likeCountOf, removeLike } from '../../db/likes.js';
import { findViewableVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { emitCountChange } from '../counters/emit-count-change.js';

/**
 * Likes or unlikes a video as a viewer. Only a row that really changed emits `events.likes`
 * (in the same transaction), so repeats and races never drift the count, and the video's row is
 * not written here: the counters role adds likes up (`like_count` is the stored count, seconds
 * behind under load; `liked` is exact).
 */
export async function setLike(
  ctx: Context,
  input: { tenantId: string; viewerId: string; videoId: string; liked: boolean },
): Promise<components['schemas']['LikeState']> {
  const { tenantId, viewerId, videoId, liked } = input;
  return ctx.database.db.transaction(async (tx) => {
    const video = await findViewableVideo(tx, videoId, { tenantId });
    if (!video) throw notFound('Video');
    const key = { tenantId, videoId, viewerId };
    const changed = await (liked ? addLike(tx, key) : removeLike(tx, key));
    if (changed) {
      await emitCountChange(tx, tenantId, {
        topic: TOPICS.likeChanged,
        videoId,
        delta: liked ? 1 : -1,
      });
    }
    return { video_id: videoId, liked, like_count: await likeCountOf(tx, videoId) };
  });
}
