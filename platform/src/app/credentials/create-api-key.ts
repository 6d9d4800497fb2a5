import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { insertApiKey } from '../../db/tenants.js';
import { apiKeyView } from './api-key-view.js';

/** A new API key for the tenant; its secret is in this answer only. */
export async function createApiKey(
  ctx: Context,
  input: { tenantId: string; name: string; scope?: components['schemas']['ApiKeyScope'] },
): Promise<components['schemas']['ApiKeyWithSecret']> {
  const { row, key } = await insertApiKey(
    ctx.database.db,
    input.tenantId,
    input.name,
    input.scope ?? 'full',
  );
  return { ...apiKeyView(row), key };
}
