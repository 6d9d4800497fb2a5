import { listAuditLog as listTheAuditLog } from '../../app/audit/list-audit-log.js';
import type { OperationHandler } from '../operation.js';

export const listAuditLog: OperationHandler<'listAuditLog'> = (ctx, request, caller) =>
  listTheAuditLog(ctx, { tenantId: caller.tenantId, ...request.query });
