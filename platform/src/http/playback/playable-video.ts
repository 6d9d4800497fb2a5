import type { Context } from '../../context.js';
import { findPlayableVideo, type VideoRow } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';

const TTL_MS = 5_000;
const cache = new Map<string, { video: VideoRow | undefined; until: number }>();

/**
 * The video a playback request is for, if anyone may play it: ready, and not private.
 * Looked up at most every few seconds per video, since players ask for many segments.
 */
export async function playableVideo(ctx: Context, videoId: string): Promise<VideoRow> {
  let hit = cache.get(videoId);
  if (!hit || hit.until < Date.now()) {
    if (cache.size > 50_000) cache.clear();
    hit = { video: await findPlayableVideo(ctx.database.db, videoId), until: Date.now() + TTL_MS };
    cache.set(videoId, hit);
  }
  const video = hit.video;
  if (!video || video.visibility === 'private') throw notFound('Video');
  if (video.status !== 'ready') {
    throw conflict('video_not_ready', `The video is ${video.status}, not ready to play`, {
      status: video.status,
    });
  }
  return video;
}
