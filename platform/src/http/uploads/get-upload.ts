import { getUpload as getTheUpload } from '../../app/uploads/get-upload.js';
import type { OperationHandler } from '../operation.js';

export const getUpload: OperationHandler<'getUpload'> = (ctx, request, caller) =>
  getTheUpload(ctx, { tenantId: caller.tenantId, uploadId: request.params.upload_id });
