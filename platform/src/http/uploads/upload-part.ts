import type { Readable } from 'node:stream';
import { findUploadById } from '../../db/uploads.js';
import { notFound, ReelError } from '../../domain/errors.js';
import { expectedPartSize } from '../../domain/upload-parts.js';
import { assertUploadOpen } from '../../domain/upload-state.js';
import { checkUrlSignature } from '../../domain/url-signature.js';
import { receivesParts } from '../../ports/object-store.js';
import type { OperationHandler } from '../operation.js';

export const uploadPart: OperationHandler<'uploadPart'> = async (ctx, request, reply) => {
  const { upload_id, part_number } = request.params;
  const path = `/v1/uploads/${upload_id}/parts/${part_number}`;
  const check = checkUrlSignature(
    ctx.config.urlSigningSecret,
    'PUT',
    path,
    request.query.expires,
    request.query.signature,
  );
  if (check !== 'valid') {
    throw new ReelError(
      403,
      check === 'expired' ? 'signature_expired' : 'invalid_signature',
      check === 'expired'
        ? 'This part URL has expired; sign it again with POST /v1/uploads/{id}/parts/sign'
        : 'The part URL signature is not valid',
    );
  }
  const upload = await findUploadById(ctx.database.db, upload_id);
  if (!upload || !receivesParts(ctx.store)) throw notFound('Upload');
  assertUploadOpen(upload);
  const expected = expectedPartSize(
    upload.sizeBytes,
    { partSize: upload.partSize, partCount: upload.partCount },
    part_number,
  );
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > expected) {
    throw new ReelError(413, 'part_too_large', `Part ${part_number} must be ${expected} bytes`);
  }
  const part = await ctx.store.receivePart(
    upload.multipartId,
    part_number,
    request.body as Readable,
    {
      offset: (part_number - 1) * upload.partSize,
      bytes: expected,
    },
  );
  reply.header('ETag', `"${part.etag}"`);
  return { part_number: part.partNumber, size_bytes: part.sizeBytes, etag: part.etag };
};
