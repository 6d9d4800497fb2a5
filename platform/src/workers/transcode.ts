import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { invalidateVideo } from '../db/cached-videos.js';
import { emit } from '../db/outbox.js';
import { thumbnails, videoRenditions, videos } from '../db/schema.js';
import { markVideoFailed } from '../db/video-failures.js';
import { lockVideo, setVideo, type VideoRow } from '../db/videos.js';
import { TOPICS } from '../domain/event-routes.js';
import { chooseLadder } from '../domain/ladder.js';
import { checkSource, isRejection } from '../domain/media-checks.js';
import { planStoryboard } from '../domain/storyboard.js';
import { mustMove } from '../domain/video-status.js';
import type { BusEvent, Delivery } from '../ports/event-bus.js';
import type { ThumbnailSpec } from '../ports/transcoder.js';
import { UnreadableMediaError } from '../ports/transcoder.js';
import { storeOutputs } from './store-outputs.js';

const SEGMENT_SEC = 4;
const THUMBNAIL_WIDTHS = { small: 320, medium: 640, large: 1280 } as const;

function thumbnailSpecs(width: number, height: number): ThumbnailSpec[] {
  return Object.entries(THUMBNAIL_WIDTHS).map(([size, wanted]) => {
    const w = Math.min(wanted, width - (width % 2));
    return { size, width: w, height: Math.max(2, 2 * Math.round((w * height) / width / 2)) };
  });
}

/** Fails a video with a reason a person can read; idempotent. */
export async function failVideo(ctx: Context, videoId: string, code: string, message: string) {
  await ctx.database.db.transaction(async (tx) => {
    const video = await lockVideo(tx, videoId);
    if (video) await markVideoFailed(tx, video, code, message);
  });
  await invalidateVideo(ctx, videoId);
}

async function pendingVideo(ctx: Context, event: BusEvent): Promise<VideoRow | undefined> {
  const [video] = await ctx.database.db.select().from(videos).where(eq(videos.id, event.key));
  if (!video || video.tenantId !== event.tenantId || video.deletedAt) return undefined;
  // Already transcoded (a redelivery, or a retry after the commit): nothing more to do.
  if (video.status !== 'processing' || video.manifestKey) return undefined;
  return video;
}

/**
 * `transcode.requested` → probe, check, one ffmpeg run for the whole ladder, results to the
 * store, then renditions and `video.transcoded` in one transaction. A retry redoes the same
 * work into the same keys, so the outcome is the same once.
 */
export function transcodeWorker(ctx: Context) {
  const limits = ctx.config.transcode;
  return async ({ event, extendLease }: Delivery) => {
    const video = await pendingVideo(ctx, event);
    if (!video) return;
    const scratch = await mkdtemp(join(tmpdir(), 'reel-transcode-'));
    try {
      const input = await ctx.store.localCopy(video.originalKey, scratch);
      const source = checkSource(await ctx.transcoder.probe(input), limits);
      if (isRejection(source)) {
        await failVideo(ctx, video.id, source.code, source.message);
        return;
      }
      const ladder = chooseLadder(source.width, source.height);
      const storyboard = planStoryboard(source.width, source.height, source.durationSec);
      const thumbs = thumbnailSpecs(source.width, source.height);
      const outDir = join(scratch, 'out');
      await ctx.transcoder.transcode({
        input,
        demuxer: source.demuxer,
        outDir,
        ladder,
        audio: source.hasAudio,
        segmentSec: SEGMENT_SEC,
        thumbnailAtSec: source.durationSec < 2 ? 0 : Math.min(source.durationSec / 2, 10),
        thumbnails: thumbs,
        storyboard,
        maxPixels: limits.maxPixels,
        timeoutSec: limits.timeoutSec,
        maxOutputBytes: limits.maxOutputBytes,
      });
      await extendLease();
      const stored = await storeOutputs(ctx.store, video.id, outDir, {
        ladder,
        audio: source.hasAudio,
        thumbnails: thumbs,
        storyboard,
        durationSec: source.durationSec,
      });
      await ctx.database.db.transaction(async (tx) => {
        const locked = await lockVideo(tx, video.id);
        if (locked?.status !== 'processing' || locked.manifestKey) return;
        await tx.delete(videoRenditions).where(eq(videoRenditions.videoId, video.id));
        await tx.insert(videoRenditions).values(stored.renditions);
        await tx.delete(thumbnails).where(eq(thumbnails.videoId, video.id));
        await tx.insert(thumbnails).values(stored.thumbnails);
        await setVideo(tx, video.id, {
          durationSec: source.durationSec,
          width: source.width,
          height: source.height,
          hasAudio: source.hasAudio,
          manifestKey: stored.manifestKey,
        });
        await emit(tx, {
          topic: TOPICS.videoTranscoded,
          videoId: video.id,
          tenantId: video.tenantId,
        });
      });
      await invalidateVideo(ctx, video.id);
    } catch (error) {
      if (error instanceof UnreadableMediaError) {
        await failVideo(ctx, video.id, error.code, error.message);
        return;
      }
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };
}
