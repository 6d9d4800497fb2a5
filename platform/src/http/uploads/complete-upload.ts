import { transitionUpload } from '../../app/uploads/transition-upload.js';
import { transitionVideo } from '../../app/videos/transition-video.js';
import type { Context } from '../../context.js';
import { claimCompletion, findUpload, lockUpload, setUpload } from '../../db/uploads.js';
import { findVideo, lockVideo } from '../../db/videos.js';
import { conflict, notFound, ReelError } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { checkPartsComplete } from '../../domain/upload-parts.js';
import { assertUploadOpen, whyUploadClosed } from '../../domain/upload-state.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

/** Long enough to read back the largest upload from S3; a request that died frees it then. */
const COMPLETION_LEASE_SEC = 30 * 60;

async function currentVideo(ctx: Context, tenantId: string, videoId: string) {
  const video = await findVideo(ctx.database.db, tenantId, videoId);
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
}

/**
 * Checks the parts, then assembles and hashes the whole file under a claim on the upload rather
 * than a row lock, so a 20 GB file's minutes of hashing hold no lock and no pooled connection;
 * only the state change at the end runs in a transaction. Completing twice is safe.
 */
export const completeUpload: OperationHandler<'completeUpload'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const { db } = ctx.database;
  const { tenantId } = caller;
  const uploadId = request.params.upload_id;
  const found = await findUpload(db, tenantId, uploadId);
  if (!found) throw notFound('Upload');
  if (found.status === 'completed') return currentVideo(ctx, tenantId, found.videoId);
  assertUploadOpen(found);
  const expectedSha256 = found.sha256 || request.body?.sha256;
  if (!expectedSha256) {
    throw new ReelError(
      422,
      'checksum_required',
      'Give the file’s sha256 at create or at complete',
    );
  }
  const plan = { partSize: found.partSize, partCount: found.partCount };
  const original = mediaKeys.original(found.id);
  const stored = await ctx.store.listParts(original, found.multipartId);
  checkPartsComplete(found.sizeBytes, plan, stored, request.body?.parts);

  if (!(await claimCompletion(db, tenantId, uploadId, COMPLETION_LEASE_SEC))) {
    const current = await findUpload(db, tenantId, uploadId);
    if (!current) throw notFound('Upload');
    if (current.status === 'completed') return currentVideo(ctx, tenantId, current.videoId);
    if (current.status !== 'pending') throw whyUploadClosed(current) ?? notFound('Upload');
    throw conflict(
      'upload_completing',
      'Another request is completing this upload; ask again in a moment',
    );
  }
  let whole: { size: number; sha256: string };
  try {
    whole = await ctx.store.completeMultipart(original, found.multipartId, stored);
  } catch (error) {
    await setUpload(db, uploadId, { completingUntil: null });
    throw error;
  }

  const failure = await db.transaction(async (tx) => {
    const locked = await lockUpload(tx, tenantId, uploadId);
    if (!locked) throw notFound('Upload');
    // Aborted or swept while the file was being assembled: the file goes, the state stays.
    // (Its time running out meanwhile does not count: complete was asked for in time.)
    const closed = locked.status === 'pending' ? undefined : whyUploadClosed(locked);
    if (closed) return { problem: closed };
    const video = await lockVideo(tx, locked.videoId, tenantId);
    if (!video) throw notFound('Video');
    if (whole.size !== locked.sizeBytes || whole.sha256 !== expectedSha256) {
      const problem =
        whole.size !== locked.sizeBytes
          ? new ReelError(
              422,
              'size_mismatch',
              `The parts add up to ${whole.size} bytes, not ${locked.sizeBytes}`,
            )
          : new ReelError(
              422,
              'checksum_mismatch',
              'The SHA-256 of the uploaded bytes does not match the one given at create',
              { expected_sha256: expectedSha256, actual_sha256: whole.sha256 },
            );
      const reason = { code: problem.code, message: problem.message };
      await transitionUpload(tx, locked, { to: 'failed', ...reason });
      await transitionVideo(tx, video, { to: 'failed', ...reason });
      return { problem };
    }
    await transitionUpload(tx, locked, { to: 'completed', sha256: expectedSha256 });
    await transitionVideo(tx, video, { to: 'processing' });
    return undefined;
  });
  // The failure is committed first, so the upload reads as failed; then the caller hears why.
  if (failure) {
    await ctx.store.deletePrefix(original);
    throw failure.problem;
  }
  return currentVideo(ctx, tenantId, found.videoId);
};
