import type { Readable } from 'node:stream';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findUploadById } from '../../db/uploads.js';
import { conflict, notFound, ReelError } from '../../domain/errors.js';
import { expectedPartSize } from '../../domain/upload-parts.js';
import { assertUploadOpen, isCompleting } from '../../domain/upload-state.js';
import { checkUrlSignature } from '../../domain/url-signature.js';
import { receivesParts } from '../../ports/object-store.js';

export interface SignedPart {
  uploadId: string;
  partNumber: number;
  expires: number;
  signature: string;
  /** The Content-Length the client announced, if any. */
  declaredBytes: number | undefined;
  body: Readable;
}

function checkSignature(secret: string, part: SignedPart) {
  const path = `/v1/uploads/${part.uploadId}/parts/${part.partNumber}`;
  const check = checkUrlSignature(secret, 'PUT', path, part.expires, part.signature);
  if (check === 'valid') return;
  throw new ReelError(
    403,
    check === 'expired' ? 'signature_expired' : 'invalid_signature',
    check === 'expired'
      ? 'This part URL has expired; sign it again with POST /v1/uploads/{id}/parts/sign'
      : 'The part URL signature is not valid',
  );
}

/**
 * Stores one part through a signed URL, on a store that receives parts itself (the embedded
 * one). While a complete request holds the upload, parts are refused: the file is being read.
 */
export async function uploadPart(
  ctx: Context,
  part: SignedPart,
): Promise<components['schemas']['UploadPart']> {
  checkSignature(ctx.config.urlSigningSecret, part);
  const upload = await findUploadById(ctx.database.db, part.uploadId);
  if (!upload || !receivesParts(ctx.store)) throw notFound('Upload');
  assertUploadOpen(upload);
  if (isCompleting(upload)) {
    throw conflict('upload_completing', 'This upload is being completed and takes no more parts');
  }
  const expected = expectedPartSize(
    upload.sizeBytes,
    { partSize: upload.partSize, partCount: upload.partCount },
    part.partNumber,
  );
  if (part.declaredBytes !== undefined && part.declaredBytes > expected) {
    throw new ReelError(413, 'part_too_large', `Part ${part.partNumber} must be ${expected} bytes`);
  }
  const stored = await ctx.store.receivePart(upload.multipartId, part.partNumber, part.body, {
    offset: (part.partNumber - 1) * upload.partSize,
    bytes: expected,
  });
  return { part_number: stored.partNumber, size_bytes: stored.sizeBytes, etag: stored.etag };
}
