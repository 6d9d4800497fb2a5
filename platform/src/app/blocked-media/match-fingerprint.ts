import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { fingerprintedBlocklist } from '../../db/fingerprints.js';
import { lockVideo } from '../../db/videos.js';
import { decodeFingerprint, matchFingerprint } from '../../domain/perceptual-fingerprint.js';
import { awaitsEncode } from '../../domain/video-status.js';
import { removeVideoMedia } from '../videos/remove-video-media.js';
import { failBlockedVideo } from './fail-blocked-video.js';

/** Whether any of the tenant's or the operator's blocked media carries a fingerprint. */
export async function screensFingerprints(ctx: Context, tenantId: string): Promise<boolean> {
  const entries = await fingerprintedBlocklist(ctx.database.db, tenantId);
  return entries.some((entry) => entry.frameHashes);
}

/** The first entry, the tenant's before the operator's, whose frame hashes the upload's match. */
async function matchingEntry(ctx: Context, tenantId: string, hashes: readonly bigint[]) {
  for (const entry of await fingerprintedBlocklist(ctx.database.db, tenantId)) {
    if (entry.frameHashes && matchFingerprint(hashes, decodeFingerprint(entry.frameHashes))) {
      return entry;
    }
  }
  return undefined;
}

/**
 * Fails a just-transcoded video whose picture matches a fingerprinted blocklist entry, as an
 * exact match does at complete (report included), and deletes its original and the segments
 * already stored; true when it matched.
 */
export async function failOnFingerprintMatch(
  ctx: Context,
  video: { id: string; tenantId: string; originalKey: string },
  hashes: readonly bigint[],
): Promise<boolean> {
  const entry = await matchingEntry(ctx, video.tenantId, hashes);
  if (!entry) return false;
  const failed = await ctx.database.db.transaction(async (tx) => {
    const locked = await lockVideo(tx, video.id);
    // Playable too: an entry added while it encoded still stops it.
    if (!locked || !awaitsEncode(locked) || locked.manifestKey) return false;
    await failBlockedVideo(tx, locked, entry);
    return true;
  });
  await invalidateVideo(ctx, video.id);
  if (failed) await removeVideoMedia(ctx, { videoId: video.id, originalKey: video.originalKey });
  ctx.metrics.countTranscodeFailure('blocked_content');
  return true;
}
