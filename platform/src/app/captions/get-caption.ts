import type { Context } from '../../context.js';
import { cachedTenantVideo } from '../../db/cached-videos.js';
import { findCaption } from '../../db/captions.js';
import { notFound } from '../../domain/errors.js';
import { type ApiCaption, captionView } from './caption-view.js';

export async function getCaption(
  ctx: Context,
  input: { tenantId: string; videoId: string; captionId: string },
): Promise<ApiCaption> {
  if (!(await cachedTenantVideo(ctx, input.tenantId, input.videoId))) throw notFound('Video');
  const row = await findCaption(ctx.database.db, input.videoId, input.captionId);
  if (!row || row.tenantId !== input.tenantId) throw notFound('Caption');
  return captionView(row, ctx.config.publicUrl);
}
