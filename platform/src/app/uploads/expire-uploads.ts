import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { lockExpiredUploads } from '../../db/uploads.js';
import { lockVideo } from '../../db/videos.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { transitionVideo } from '../videos/transition-video.js';
import { transitionUpload } from './transition-upload.js';

/** Uploads expired per transaction. */
export const EXPIRY_BATCH = 50;

/**
 * Expires one batch of pending uploads past their time: their parts leave the store and their
 * videos fail with `upload_expired` (a `video.failed` webhook), so nothing waits forever for bytes
 * that will not come. The parts go inside the transaction: if it rolls back, the next sweep
 * drops them again, which is harmless. Returns how many it expired.
 */
export async function expireUploads(ctx: Context, now = new Date()): Promise<number> {
  const videoIds = await ctx.database.db.transaction(async (tx) => {
    const expired = await lockExpiredUploads(tx, EXPIRY_BATCH, now);
    for (const upload of expired) {
      const reason = {
        code: 'upload_expired',
        message: `The upload was not completed before ${upload.expiresAt.toISOString()}`,
      };
      await ctx.store.abortMultipart(mediaKeys.original(upload.id), upload.multipartId);
      await transitionUpload(tx, upload, { to: 'expired', ...reason });
      const video = await lockVideo(tx, upload.videoId);
      if (video) await transitionVideo(tx, video, { to: 'failed', ...reason });
    }
    return expired.map((upload) => upload.videoId);
  });
  for (const videoId of videoIds) await invalidateVideo(ctx, videoId);
  return videoIds.length;
}
