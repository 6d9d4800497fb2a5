import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listApiKeys as listKeyRows } from '../../db/tenants.js';
import { listPage } from '../list-page.js';
import { apiKeyView } from './api-key-view.js';

export async function listApiKeys(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['ApiKeyList']> {
  return listPage(
    input,
    (after, limit) => listKeyRows(ctx.database.db, input.tenantId, after, limit),
    apiKeyView,
  );
}
