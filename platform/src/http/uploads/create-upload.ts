import { createUpload as createTheUpload } from '../../app/uploads/create-upload.js';
import type { OperationHandler } from '../operation.js';

/** A retry with the same Idempotency-Key replays this answer. */
export const createUpload: OperationHandler<'createUpload'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const created = await createTheUpload(ctx, { tenantId: caller.tenantId, request: request.body });
  return reply.status(201).send(created);
};
