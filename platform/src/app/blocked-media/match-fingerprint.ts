import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { fingerprintedBlocklist } from '../../db/fingerprints.js';
import { lockVideo } from '../../db/videos.js';
import { decodeFingerprint, matchFingerprint } from '../../domain/perceptual-fingerprint.js';
import { failBlockedVideo } from './fail-blocked-video.js';

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
 * exact match does at complete (report included), and deletes its original; true when it did.
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
    if (locked?.status !== 'processing' || locked.manifestKey) return false;
    await failBlockedVideo(tx, locked, entry);
    return true;
  });
  await invalidateVideo(ctx, video.id);
  if (failed) await ctx.store.deletePrefix(video.originalKey);
  ctx.metrics.countTranscodeFailure('blocked_content');
  return true;
}
