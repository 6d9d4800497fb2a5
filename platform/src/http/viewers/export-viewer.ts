import { exportViewer as exportTheViewer } from '../../app/privacy/export-viewer.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const exportViewer: OperationHandler<'exportViewer'> = async (ctx, request, caller) =>
  answer(
    200,
    await exportTheViewer(ctx, { tenantId: caller.tenantId, viewerId: request.params.viewer_id }),
    { 'content-type': 'application/json; charset=utf-8' },
  );
