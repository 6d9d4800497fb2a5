import type { Context } from '../../context.js';
import { cachedTenantVideo } from '../../db/cached-videos.js';
import { notFound } from '../../domain/errors.js';
import { type ApiVideo, videoView } from './video-view.js';

export async function getVideo(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<ApiVideo> {
  const video = await cachedTenantVideo(ctx, input.tenantId, input.videoId);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
}
