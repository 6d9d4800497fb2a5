import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { blockedMedia, uploads, videoFingerprints } from './schema.js';

/** Keeps a transcoded video's frame hashes; a retried transcode writes the same again. */
export async function saveVideoFingerprint(
  tx: Queryable,
  row: { videoId: string; tenantId: string; frameHashes: Buffer },
) {
  await tx
    .insert(videoFingerprints)
    .values(row)
    .onConflictDoUpdate({
      target: videoFingerprints.videoId,
      set: { frameHashes: row.frameHashes },
    });
}

/**
 * A transcoded video's hashes and its file's SHA-256, what a blocklist entry made from it holds;
 * the tenant's video only, any tenant's for the operator (null).
 */
export async function findBlockableVideo(db: Queryable, tenantId: string | null, videoId: string) {
  const [row] = await db
    .select({ frameHashes: videoFingerprints.frameHashes, sha256: uploads.sha256 })
    .from(videoFingerprints)
    .innerJoin(
      uploads,
      and(eq(uploads.videoId, videoFingerprints.videoId), eq(uploads.status, 'completed')),
    )
    .where(
      and(
        eq(videoFingerprints.videoId, videoId),
        tenantId === null ? undefined : eq(videoFingerprints.tenantId, tenantId),
      ),
    )
    .limit(1);
  return row;
}

/** The entries with frame hashes that apply to the tenant's uploads: its own, then the operator's. */
export function fingerprintedBlocklist(db: Queryable, tenantId: string) {
  return db
    .select()
    .from(blockedMedia)
    .where(
      and(
        isNotNull(blockedMedia.frameHashes),
        or(eq(blockedMedia.tenantId, tenantId), isNull(blockedMedia.tenantId)),
      ),
    )
    .orderBy(sql`${blockedMedia.tenantId} NULLS LAST`, blockedMedia.createdAt);
}
