import type { Context } from '../../context.js';
import { cachedTenantVideo, cachedVideo } from '../../db/cached-videos.js';
import type { VideoWithRenditions } from '../../db/videos.js';
import { viewerLikes } from '../../db/viewer-likes.js';
import { notFound, takenDown } from '../../domain/errors.js';
import { shownTo, wouldBeShownTo } from '../../domain/video-audience.js';
import { isEncoding } from '../../domain/video-status.js';
import type { Reader } from '../auth/reader.js';
import { resumePositionOf } from '../history/resume-position.js';
import { encodingPercent } from './get-timeline.js';
import { type ApiVideo, publicVideoView, videoView } from './video-view.js';

const tenantViews = new WeakMap<VideoWithRenditions, { publicUrl: string; view: ApiVideo }>();

/**
 * The tenant's view of a cached video, made once per cached copy: the cache hands out the same
 * object until the video changes, so repeated reads return the very same view (and the HTTP
 * layer keeps its bytes). Callers must not change it.
 */
function tenantViewOf(video: VideoWithRenditions, publicUrl: string): ApiVideo {
  const made = tenantViews.get(video);
  if (made?.publicUrl === publicUrl) return made.view;
  const view = videoView(video, publicUrl);
  tenantViews.set(video, { publicUrl, view });
  return view;
}

/**
 * The tenant reads any of its videos in full; a viewer or a caller with no credential reads
 * only what `shownTo` lets them, without the tenant's own fields, and a viewer also what they
 * did with it. A video taken down answers 451 to those who would see it; everything else is a
 * 404, the same as an unknown id.
 */
export async function getVideo(
  ctx: Context,
  input: { reader: Reader; videoId: string },
): Promise<ApiVideo> {
  const { reader, videoId } = input;
  if (reader.kind === 'tenant') {
    const video = await cachedTenantVideo(ctx, reader.tenantId, videoId);
    if (!video) throw notFound('Video');
    const view = tenantViewOf(video, ctx.config.publicUrl);
    if (!isEncoding(view.status)) return view;
    return { ...view, progress: await encodingPercent(ctx, reader.tenantId, videoId) };
  }
  const found = await cachedVideo(ctx, videoId);
  if (found?.video.status === 'taken_down' && wouldBeShownTo(found.video, reader)) {
    throw takenDown(found.video.takedownReason);
  }
  if (!found || !shownTo(found.video, reader)) throw notFound('Video');
  const shown = publicVideoView(found, ctx.config.publicUrl);
  if (reader.kind === 'anyone') return shown;
  const liked = await viewerLikes(ctx.database.db, { ...reader, videoId });
  const resumeAt = await resumePositionOf(ctx.database.db, { ...reader, videoId });
  return {
    ...shown,
    viewer: { has_liked: liked, ...(resumeAt !== undefined && { resume_position_sec: resumeAt }) },
  };
}
