import type { Caller } from './callers.js';

/**
 * Whose view a read answers with: anyone's (public content only, no tenant named, the ids are
 * enough), the tenant's through its API key (all of its own), or one of its viewers'.
 */
export type Reader =
  | { kind: 'anyone' }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'viewer'; tenantId: string; viewerId: string };

export function readerOf(caller: Caller): Reader {
  if (caller.viewer) {
    return { kind: 'viewer', tenantId: caller.tenantId, viewerId: caller.viewer.id };
  }
  if (caller.tenantId) return { kind: 'tenant', tenantId: caller.tenantId };
  return { kind: 'anyone' };
}
