import { exportViewer as exportTheViewer } from '../../app/privacy/export-viewer.js';
import type { OperationHandler } from '../operation.js';

export const exportViewer: OperationHandler<'exportViewer'> = (ctx, request, caller) =>
  exportTheViewer(ctx, { tenantId: caller.tenantId, viewerId: request.params.viewer_id });
