import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listVideos as listRows } from '../../db/videos.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { VideoStatus } from '../../domain/video-status.js';
import { videoView } from './video-view.js';

export async function listVideos(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number; status?: VideoStatus },
): Promise<components['schemas']['VideoList']> {
  const limit = input.limit ?? 25;
  const rows = await listRows(ctx.database.db, input.tenantId, {
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    // One extra row tells whether another page exists.
    limit: limit + 1,
    status: input.status,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.video;
  return {
    data: page.map((v) => videoView(v, ctx.config.publicUrl)),
    next_cursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}
