import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import type { DownloadRow } from '../../db/downloads.js';
import { findVideo, type VideoWithRenditions } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';

export type ApiVideo = components['schemas']['Video'];

/** A made download as the API lists it; `base` is the video's URL. */
export const downloadView = (
  d: Pick<DownloadRow, 'name' | 'width' | 'height' | 'sizeBytes'>,
  base: string,
): components['schemas']['Download'] => ({
  name: d.name,
  width: d.width,
  height: d.height,
  size_bytes: d.sizeBytes,
  url: `${base}/downloads/${d.name}.mp4`,
});

/** A video as the API shows it. */
export function videoView(
  { video, renditions, downloads }: VideoWithRenditions,
  publicUrl: string,
): ApiVideo {
  const base = `${publicUrl}/v1/videos/${video.id}`;
  return {
    video_id: video.id,
    status: video.status,
    view_count: video.viewCount,
    like_count: video.likeCount,
    comment_count: video.commentCount,
    comments_policy: video.commentsPolicy,
    channel_id: video.channelId,
    title: video.title,
    description: video.description,
    tags: video.tags,
    visibility: video.visibility,
    category: video.category,
    language: video.language,
    playback_policy: video.playbackPolicy,
    auto_publish: video.autoPublish,
    normalize_audio: video.normalizeAudio,
    mp4_support: video.mp4Support,
    downloads: (downloads ?? []).map((d) => downloadView(d, base)),
    duration_sec: video.durationSec,
    width: video.width,
    height: video.height,
    has_audio: video.hasAudio,
    renditions: renditions
      .filter((r) => r.renditionId !== 'audio')
      .map((r) => ({
        rendition_id: r.renditionId,
        width: r.width,
        height: r.height,
        bitrate_kbps: r.bitrateKbps,
        codecs: r.codecs,
      })),
    // A playable video plays already; its thumbnails and storyboard come once it is ready.
    playback:
      video.status === 'ready' || video.status === 'playable'
        ? {
            manifest_url: `${base}/manifest.m3u8`,
            dash_url: `${base}/manifest.mpd`,
            thumbnail_url: `${base}/thumbnails/medium`,
            storyboard_url: `${base}/storyboard.vtt`,
          }
        : null,
    error: video.errorCode ? { code: video.errorCode, message: video.errorMessage ?? '' } : null,
    age_restriction: video.ageRestriction,
    geo: video.geo,
    takedown:
      video.takedownReason && video.takenDownAt
        ? {
            reason: video.takedownReason,
            notice: video.takedownNotice,
            taken_down_at: video.takenDownAt.toISOString(),
          }
        : null,
    created_at: video.createdAt.toISOString(),
    updated_at: video.updatedAt.toISOString(),
    published_at: video.publishedAt?.toISOString() ?? null,
  };
}

/** A video as its viewers and the public see it: without what only its tenant needs. */
export function publicVideoView(video: VideoWithRenditions, publicUrl: string): ApiVideo {
  const {
    auto_publish: _autoPublish,
    normalize_audio: _normalizeAudio,
    mp4_support: _mp4Support,
    downloads: _downloads,
    error: _error,
    takedown: _takedown,
    geo: _geo,
    ...shown
  } = videoView(video, publicUrl);
  return shown;
}

/** The tenant's video as it is now, read past the cache: for answers right after a change. */
export async function currentVideo(ctx: Context, tenantId: string, videoId: string) {
  const video = await findVideo(ctx.database.db, tenantId, videoId);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
}
