import { eraseViewer as eraseTheViewer } from '../../app/privacy/erase-viewer.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const eraseViewer: OperationHandler<'eraseViewer'> = async (ctx, request, caller) =>
  answer(
    202,
    await eraseTheViewer(ctx, { tenantId: caller.tenantId, viewerId: request.params.viewer_id }),
  );
