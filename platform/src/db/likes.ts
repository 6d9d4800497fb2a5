import { and, eq } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { videoLikes, videos } from './schema.js';

type LikeKey = { tenantId: string; videoId: string; viewerId: string };

/** Adds the like; true only when the row is new (the unique key makes a repeat harmless). */
export async function addLike(tx: Queryable, key: LikeKey): Promise<boolean> {
  const added = await tx.insert(videoLikes).values(key).onConflictDoNothing().returning();
  return added.length > 0;
}

/** Removes the like; true only when there was one. */
export async function removeLike(tx: Queryable, key: LikeKey): Promise<boolean> {
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
  return removed.length > 0;
}

export async function likeCountOf(tx: Queryable, videoId: string): Promise<number> {
  const [row] = await tx
    .select({ likeCount: videos.likeCount })
    .from(videos)
    .where(eq(videos.id, videoId));
  return row?.likeCount ?? 0;
}
