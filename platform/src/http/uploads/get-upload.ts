import { findUpload } from '../../db/uploads.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { uploadView } from './upload-view.js';

export const getUpload: OperationHandler<'getUpload'> = async (ctx, request, _reply, caller) => {
  const upload = await findUpload(ctx.database.db, caller.tenantId, request.params.upload_id);
  if (!upload) throw notFound('Upload');
  return uploadView(upload);
};
