import { findUpload } from '../../db/uploads.js';
import { badRequest, notFound } from '../../domain/errors.js';
import { assertUploadOpen } from '../../domain/upload-state.js';
import type { OperationHandler } from '../operation.js';
import { partUrls } from './upload-view.js';

export const signUploadParts: OperationHandler<'signUploadParts'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const upload = await findUpload(ctx.database.db, caller.tenantId, request.params.upload_id);
  if (!upload) throw notFound('Upload');
  assertUploadOpen(upload);
  const beyond = request.body.part_numbers.filter((n) => n > upload.partCount);
  if (beyond.length > 0) {
    throw badRequest('invalid_part_number', `Part numbers run from 1 to ${upload.partCount}`, {
      invalid_parts: beyond.slice(0, 100),
    });
  }
  return {
    parts: partUrls(ctx.store, upload, request.body.part_numbers, ctx.config.partUrlTtlSeconds),
  };
};
