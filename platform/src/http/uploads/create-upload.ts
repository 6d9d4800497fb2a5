import { createUpload as createTheUpload } from '../../app/uploads/create-upload.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

/** A retry with the same Idempotency-Key replays this answer. */
export const createUpload: OperationHandler<'createUpload'> = async (ctx, request, caller) => {
  const created = await createTheUpload(ctx, { tenantId: caller.tenantId, request: request.body });
  return answer(201, created);
};
