import type { Context } from '../../context.js';
import { cachedTenantVideo } from '../../db/cached-videos.js';
import { listCaptions as listRows } from '../../db/captions.js';
import { notFound } from '../../domain/errors.js';
import { listPage } from '../list-page.js';
import { captionView } from './caption-view.js';

/** A video's caption tracks, newest first. */
export async function listCaptions(
  ctx: Context,
  input: { tenantId: string; videoId: string; cursor?: string; limit?: number },
) {
  if (!(await cachedTenantVideo(ctx, input.tenantId, input.videoId))) throw notFound('Video');
  return listPage(
    input,
    (after, limit) => listRows(ctx.database.db, input.tenantId, input.videoId, { after, limit }),
    (row) => captionView(row, ctx.config.publicUrl),
  );
}
