import type { Readable } from 'node:stream';
import { uploadPart as storeThePart } from '../../app/uploads/upload-part.js';
import type { OperationHandler } from '../operation.js';

export const uploadPart: OperationHandler<'uploadPart'> = async (ctx, request, reply) => {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const part = await storeThePart(ctx, {
    uploadId: request.params.upload_id,
    partNumber: request.params.part_number,
    expires: request.query.expires,
    signature: request.query.signature,
    declaredBytes: Number.isFinite(declared) ? declared : undefined,
    body: request.body as Readable,
  });
  reply.header('ETag', `"${part.etag}"`);
  return part;
};
