import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { claimCompletion, findUpload, setUpload } from '../../db/uploads.js';
import { conflict, notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { requiredSha256 } from '../../domain/upload-file-checks.js';
import { checkPartsComplete } from '../../domain/upload-parts.js';
import { assertUploadOpen, whyUploadClosed } from '../../domain/upload-state.js';
import { type ApiVideo, currentVideo } from '../videos/video-view.js';
import { ownedUpload } from './get-upload.js';
import { recordCompletion } from './record-completion.js';

/** Long enough to read back the largest upload from S3; a request that died frees it then. */
const COMPLETION_LEASE_SEC = 30 * 60;

/** Another request holds the claim: its outcome if it has one, else why this one must wait. */
async function notClaimed(ctx: Context, tenantId: string, uploadId: string): Promise<ApiVideo> {
  const current = await findUpload(ctx.database.db, tenantId, uploadId);
  if (!current) throw notFound('Upload');
  if (current.status === 'completed') return currentVideo(ctx, tenantId, current.videoId);
  if (current.status !== 'pending') throw whyUploadClosed(current) ?? notFound('Upload');
  throw conflict(
    'upload_completing',
    'Another request is completing this upload; ask again in a moment',
  );
}

/**
 * Checks the parts, then assembles and hashes the whole file under a claim on the upload rather
 * than a row lock, so a 20 GB file's minutes of hashing hold no lock and no pooled connection;
 * only the state change at the end runs in a transaction. Completing twice is safe.
 */
export async function completeUpload(
  ctx: Context,
  input: { tenantId: string; uploadId: string } & components['schemas']['CompleteUploadRequest'],
): Promise<ApiVideo> {
  const { tenantId, uploadId } = input;
  const upload = await ownedUpload(ctx, tenantId, uploadId);
  if (upload.status === 'completed') return currentVideo(ctx, tenantId, upload.videoId);
  assertUploadOpen(upload);
  const sha256 = requiredSha256(upload.sha256, input.sha256);
  const original = mediaKeys.original(upload.id);
  const stored = await ctx.store.listParts(original, upload.multipartId);
  checkPartsComplete(upload.sizeBytes, upload, stored, input.parts);
  if (!(await claimCompletion(ctx.database.db, tenantId, uploadId, COMPLETION_LEASE_SEC))) {
    return notClaimed(ctx, tenantId, uploadId);
  }
  let whole: { size: number; sha256: string };
  try {
    whole = await ctx.store.completeMultipart(original, upload.multipartId, stored);
  } catch (error) {
    await setUpload(ctx.database.db, uploadId, { completingUntil: null });
    throw error;
  }
  const problem = await recordCompletion(ctx, { tenantId, uploadId, whole, sha256 });
  // The failure is committed first, so the upload reads as failed; then the caller hears why.
  // Blocked bytes are not kept either; that video's failure is in the answer.
  if (problem) await ctx.store.deletePrefix(original);
  if (problem && problem !== 'blocked') throw problem;
  ctx.metrics.countUploadBytes(whole.size);
  return currentVideo(ctx, tenantId, upload.videoId);
}
