import { and, eq } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { videoLikes } from './schema.js';

/** Whether this viewer of the tenant likes the video. */
export async function viewerLikes(
  db: Queryable,
  key: { tenantId: string; viewerId: string; videoId: string },
): Promise<boolean> {
  const rows = await db
    .select({ videoId: videoLikes.videoId })
    .from(videoLikes)
    .where(
      and(
        eq(videoLikes.tenantId, key.tenantId),
        eq(videoLikes.viewerId, key.viewerId),
        eq(videoLikes.videoId, key.videoId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
