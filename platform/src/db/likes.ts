import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { videoLikes, videos } from './schema.js';

type LikeKey = { tenantId: string; videoId: string; viewerId: string };

/** Adds the like and counts it, only when the row is new: repeats never move the count. */
export async function addLike(tx: Queryable, key: LikeKey): Promise<void> {
  const added = await tx.insert(videoLikes).values(key).onConflictDoNothing().returning();
  if (added.length > 0) await moveLikeCount(tx, key.videoId, 1);
}

/** Removes the like and uncounts it, only when there was one. */
export async function removeLike(tx: Queryable, key: LikeKey): Promise<void> {
  const removed = await tx
    .delete(videoLikes)
    .where(
      and(
        eq(videoLikes.tenantId, key.tenantId),
        eq(videoLikes.videoId, key.videoId),
        eq(videoLikes.viewerId, key.viewerId),
      ),
    )
    .returning();
  if (removed.length > 0) await moveLikeCount(tx, key.videoId, -1);
}

async function moveLikeCount(tx: Queryable, videoId: string, by: 1 | -1) {
  await tx
    .update(videos)
    .set({ likeCount: sql`${videos.likeCount} + ${by}` })
    .where(eq(videos.id, videoId));
}

export async function likeCountOf(tx: Queryable, videoId: string): Promise<number> {
  const [row] = await tx
    .select({ likeCount: videos.likeCount })
    .from(videos)
    .where(eq(videos.id, videoId));
  return row?.likeCount ?? 0;
}
