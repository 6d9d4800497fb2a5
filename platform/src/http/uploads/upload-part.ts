import type { Readable } from 'node:stream';
import { uploadPart as storeThePart } from '../../app/uploads/upload-part.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const uploadPart: OperationHandler<'uploadPart'> = async (ctx, request) => {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const part = await storeThePart(ctx, {
    uploadId: request.params.upload_id,
    partNumber: request.params.part_number,
    expires: request.query.expires,
    signature: request.query.signature,
    declaredBytes: Number.isFinite(declared) ? declared : undefined,
    body: request.body as Readable,
  });
  return answer(200, part, { ETag: `"${part.etag}"` });
};
