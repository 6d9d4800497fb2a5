import { eq } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { videos } from './schema.js';

/** The channel a video is on now; null when it is on none or is gone. */
export async function videoChannelId(db: Queryable, videoId: string): Promise<string | null> {
  const [row] = await db
    .select({ channelId: videos.channelId })
    .from(videos)
    .where(eq(videos.id, videoId));
  return row?.channelId ?? null;
}
