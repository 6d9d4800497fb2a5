import { getViewerErasure as getTheErasure } from '../../app/privacy/erase-viewer.js';
import type { OperationHandler } from '../operation.js';

export const getViewerErasure: OperationHandler<'getViewerErasure'> = (ctx, request, caller) =>
  getTheErasure(ctx, { tenantId: caller.tenantId, erasureId: request.params.erasure_id });
