import { listVideos as listRows } from '../../db/videos.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

export const listVideos: OperationHandler<'listVideos'> = async (ctx, request, _reply, caller) => {
  const limit = request.query.limit ?? 25;
  const rows = await listRows(ctx.database.db, caller.tenantId, {
    after: request.query.cursor ? decodeCursor(request.query.cursor) : undefined,
    // One extra row tells whether another page exists.
    limit: limit + 1,
    status: request.query.status,
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
};
