import { completeUpload as completeTheUpload } from '../../app/uploads/complete-upload.js';
import type { OperationHandler } from '../operation.js';

export const completeUpload: OperationHandler<'completeUpload'> = (ctx, request, caller) =>
  completeTheUpload(ctx, {
    tenantId: caller.tenantId,
    uploadId: request.params.upload_id,
    sha256: request.body?.sha256,
    parts: request.body?.parts,
  });
