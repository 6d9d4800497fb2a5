import { unauthorized } from '../../domain/errors.js';
import type { Caller } from '../operation.js';

/** The viewer a viewer token names, as the notification use cases take it. */
export function viewerOf(caller: Caller) {
  if (!caller.viewer) throw unauthorized();
  return { tenantId: caller.tenantId, viewerId: caller.viewer.id };
}
