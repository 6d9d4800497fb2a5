import { signUploadParts as signTheParts } from '../../app/uploads/sign-upload-parts.js';
import type { OperationHandler } from '../operation.js';

export const signUploadParts: OperationHandler<'signUploadParts'> = (ctx, request, caller) =>
  signTheParts(ctx, {
    tenantId: caller.tenantId,
    uploadId: request.params.upload_id,
    partNumbers: request.body.part_numbers,
  });
