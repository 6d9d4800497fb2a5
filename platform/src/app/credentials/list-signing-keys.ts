import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listSigningKeys as listKeyRows } from '../../db/signing-keys.js';
import { listPage } from '../list-page.js';
import { signingKeyView } from './signing-key-view.js';

export async function listSigningKeys(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['SigningKeyList']> {
  return listPage(
    input,
    (after, limit) => listKeyRows(ctx.database.db, input.tenantId, after, limit),
    signingKeyView,
  );
}
