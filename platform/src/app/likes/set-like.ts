import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { addLike, likeCountOf, removeLike } from '../../db/likes.js';
import { findViewableVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';

/**
 * Likes or unlikes a video as a viewer. The row and the count change in one transaction, and
 * only when the row really changed, so repeats and races never drift `like_count`.
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
    await (liked ? addLike(tx, key) : removeLike(tx, key));
    return { video_id: videoId, liked, like_count: await likeCountOf(tx, videoId) };
  });
}
