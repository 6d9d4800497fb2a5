import { abortUpload as abortTheUpload } from '../../app/uploads/abort-upload.js';
import type { OperationHandler } from '../operation.js';

export const abortUpload: OperationHandler<'abortUpload'> = (ctx, request, caller) =>
  abortTheUpload(ctx, { tenantId: caller.tenantId, uploadId: request.params.upload_id });
