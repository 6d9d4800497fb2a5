import type { components } from '../../contract/openapi.gen.js';
import type { UploadRow } from '../../db/uploads.js';
import { partUrlExpiry, uploadStatusAt } from '../../domain/upload-state.js';
import type { ObjectStore } from '../../ports/object-store.js';

export function uploadView(upload: UploadRow): components['schemas']['Upload'] {
  return {
    upload_id: upload.id,
    video_id: upload.videoId,
    status: uploadStatusAt(upload),
    filename: upload.filename,
    size_bytes: upload.sizeBytes,
    mime: upload.mime,
    sha256: upload.sha256 || null,
    part_size_bytes: upload.partSize,
    part_count: upload.partCount,
    error: upload.errorCode ? { code: upload.errorCode, message: upload.errorMessage ?? '' } : null,
    created_at: upload.createdAt.toISOString(),
    expires_at: upload.expiresAt.toISOString(),
  };
}

/** Signed PUT URLs for the given parts, valid for `ttlSec` or until the upload expires. */
export function partUrls(
  store: ObjectStore,
  upload: UploadRow,
  partNumbers: readonly number[],
  ttlSec: number,
) {
  const expiresAt = partUrlExpiry(upload, ttlSec);
  return partNumbers.map((n) => ({
    part_number: n,
    url: store.signPartUrl(upload.id, upload.multipartId, n, expiresAt),
    method: 'PUT' as const,
    expires_at: expiresAt.toISOString(),
  }));
}
