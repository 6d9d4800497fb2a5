import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listVideos as listRows } from '../../db/videos.js';
import {
  decodeVideoListCursor,
  encodeVideoListCursor,
  type VideoListSort,
} from '../../domain/video-list-cursor.js';
import type { VideoStatus } from '../../domain/video-status.js';
import { pageOf } from '../list-page.js';
import { videoView } from './video-view.js';

export async function listVideos(
  ctx: Context,
  input: {
    tenantId: string;
    cursor?: string;
    limit?: number;
    status?: VideoStatus;
    visibility?: components['schemas']['Visibility'];
    sort?: VideoListSort;
  },
): Promise<components['schemas']['VideoList']> {
  const limit = input.limit ?? 25;
  const sort = input.sort ?? 'newest';
  const rows = await listRows(ctx.database.db, input.tenantId, {
    sort,
    after: input.cursor ? decodeVideoListCursor(input.cursor, sort) : undefined,
    // One extra row tells whether another page exists.
    limit: limit + 1,
    status: input.status,
    visibility: input.visibility,
  });
  return pageOf(
    rows,
    limit,
    (v) => videoView(v, ctx.config.publicUrl),
    ({ video }) => {
      const createdAt = video.createdAt.toISOString();
      return encodeVideoListCursor(
        sort === 'newest'
          ? { sort, createdAt, id: video.id }
          : { sort, views: video.viewCount, createdAt, id: video.id },
      );
    },
  );
}
