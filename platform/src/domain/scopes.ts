import type { components } from '../contract/openapi.gen.js';

export type ApiKeyScope = components['schemas']['ApiKeyScope'];

/**
 * Whether a key of `scope` may call an operation: read-only keys only read, upload-only keys
 * only drive uploads (for a server that hands uploads to browsers and nothing else).
 */
export function scopeAllows(scope: ApiKeyScope, method: string, tags: readonly string[]): boolean {
  if (scope === 'full') return true;
  if (scope === 'read_only') return method === 'GET';
  return tags.includes('uploads');
}
