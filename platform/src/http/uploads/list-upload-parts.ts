import { listUploadParts as listTheParts } from '../../app/uploads/list-upload-parts.js';
import type { OperationHandler } from '../operation.js';

export const listUploadParts: OperationHandler<'listUploadParts'> = (ctx, request, caller) => {
  const { cursor, limit } = request.query;
  return listTheParts(ctx, {
    tenantId: caller.tenantId,
    uploadId: request.params.upload_id,
    cursor,
    limit,
  });
};
