import { listApiKeys as listRows } from '../../db/tenants.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { apiKeyView } from './api-key-view.js';

export const listApiKeys: OperationHandler<'listApiKeys'> = async (ctx, request, _reply, caller) =>
  listPage(
    request.query,
    (after, limit) => listRows(ctx.database.db, caller.tenantId, after, limit),
    apiKeyView,
  );
