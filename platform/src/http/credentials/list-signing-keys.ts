import { listSigningKeys as listRows } from '../../db/signing-keys.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { signingKeyView } from './signing-key-view.js';

export const listSigningKeys: OperationHandler<'listSigningKeys'> = async (
  ctx,
  request,
  _reply,
  caller,
) =>
  listPage(
    request.query,
    (after, limit) => listRows(ctx.database.db, caller.tenantId, after, limit),
    signingKeyView,
  );
