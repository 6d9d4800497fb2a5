import { listTenants as listRows } from '../../db/tenants.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { tenantView } from './tenant-view.js';

export const listTenants: OperationHandler<'listTenants'> = async (ctx, request) =>
  listPage(request.query, (after, limit) => listRows(ctx.database.db, after, limit), tenantView);
