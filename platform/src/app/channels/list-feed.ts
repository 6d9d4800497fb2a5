import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { feedVideoIds } from '../../db/feed.js';
import { findSearchableVideos } from '../../db/videos.js';
import { decodeFeedCursor, encodeFeedCursor } from '../../domain/feed-cursor.js';
import { publicVideoView } from '../videos/video-view.js';

/** The viewer's subscription feed: their channels' public, ready videos, newest first. */
export async function listFeed(
  ctx: Context,
  input: { tenantId: string; viewerId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['VideoList']> {
  const limit = input.limit ?? 25;
  const after = input.cursor ? decodeFeedCursor(input.cursor) : undefined;
  // One extra row tells whether another page exists.
  const positions = await feedVideoIds(ctx.database.db, { ...input, after, limit: limit + 1 });
  const page = positions.slice(0, limit);
  const videos = await findSearchableVideos(
    ctx.database.db,
    input.tenantId,
    page.map((p) => p.id),
  );
  const last = page.at(-1);
  return {
    data: videos.map((v) => publicVideoView(v, ctx.config.publicUrl)),
    next_cursor: positions.length > limit && last ? encodeFeedCursor(last) : null,
  };
}
