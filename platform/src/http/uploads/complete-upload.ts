import { emit } from '../../db/outbox.js';
import { lockUpload, setUpload } from '../../db/uploads.js';
import { markVideoFailed } from '../../db/video-failures.js';
import { findVideo, lockVideo, setVideo } from '../../db/videos.js';
import { notFound, ReelError } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { assertUploadOpen } from '../../domain/upload-expiry.js';
import { checkPartsComplete } from '../../domain/upload-parts.js';
import { mustMove } from '../../domain/video-status.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

export const completeUpload: OperationHandler<'completeUpload'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const { db } = ctx.database;
  const { tenantId } = caller;
  const failure = await db.transaction(async (tx) => {
    const upload = await lockUpload(tx, tenantId, request.params.upload_id);
    if (!upload) throw notFound('Upload');
    if (upload.status === 'completed') return undefined; // completing twice is safe
    assertUploadOpen(upload);
    const expectedSha256 = upload.sha256 || request.body?.sha256;
    if (!expectedSha256) {
      throw new ReelError(
        422,
        'checksum_required',
        'Give the file’s sha256 at create or at complete',
      );
    }
    const plan = { partSize: upload.partSize, partCount: upload.partCount };
    const stored = await ctx.store.listParts(mediaKeys.original(upload.id), upload.multipartId);
    checkPartsComplete(upload.sizeBytes, plan, stored, request.body?.parts);
    const video = await lockVideo(tx, upload.videoId, tenantId);
    if (!video) throw notFound('Video');
    const whole = await ctx.store.completeMultipart(video.originalKey, upload.multipartId, stored);
    if (whole.size !== upload.sizeBytes || whole.sha256 !== expectedSha256) {
      const problem =
        whole.size !== upload.sizeBytes
          ? new ReelError(
              422,
              'size_mismatch',
              `The parts add up to ${whole.size} bytes, not ${upload.sizeBytes}`,
            )
          : new ReelError(
              422,
              'checksum_mismatch',
              'The SHA-256 of the uploaded bytes does not match the one given at create',
              {
                expected_sha256: expectedSha256,
                actual_sha256: whole.sha256,
              },
            );
      await setUpload(tx, upload.id, {
        status: 'failed',
        errorCode: problem.code,
        errorMessage: problem.message,
      });
      await markVideoFailed(tx, video, problem.code, problem.message);
      return { problem, badOriginal: video.originalKey };
    }
    await setUpload(tx, upload.id, {
      status: 'completed',
      completedAt: new Date(),
      sha256: expectedSha256,
    });
    mustMove(video.status, 'processing');
    await setVideo(tx, video.id, { status: 'processing' });
    await emit(tx, { topic: TOPICS.videoUploadCompleted, videoId: video.id, tenantId });
    await emit(tx, {
      topic: TOPICS.transcodeRequested,
      videoId: video.id,
      tenantId,
      data: { original_key: video.originalKey },
    });
    return undefined;
  });
  // The failure is committed first, so the upload reads as failed; then the caller hears why.
  if (failure) {
    await ctx.store.deletePrefix(failure.badOriginal);
    throw failure.problem;
  }
  const upload = await lockUpload(db, tenantId, request.params.upload_id);
  const video = upload && (await findVideo(db, tenantId, upload.videoId));
  if (!video) throw notFound('Video');
  return videoView(video, ctx.config.publicUrl);
};
