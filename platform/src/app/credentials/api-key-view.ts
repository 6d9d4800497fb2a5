import type { components } from '../../contract/openapi.gen.js';
import type { ApiKeyRow } from '../../db/tenants.js';

export const apiKeyView = (k: ApiKeyRow): components['schemas']['ApiKey'] => ({
  key_id: k.id,
  name: k.name,
  scope: k.scope,
  prefix: k.prefix,
  created_at: k.createdAt.toISOString(),
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  revoked_at: k.revokedAt?.toISOString() ?? null,
});
