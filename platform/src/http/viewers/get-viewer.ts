import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const getViewer: OperationHandler<'getViewer'> = async (_ctx, _request, caller) => {
  if (!caller.viewer) throw unauthorized();
  return {
    tenant_id: caller.tenantId,
    viewer_id: caller.viewer.id,
    scopes: caller.viewer.scopes,
    expires_at: caller.viewer.expiresAt.toISOString(),
  };
};
