import type { ViewerRef } from '../../app/playlists/playlist-view.js';
import { unauthorized } from '../../domain/errors.js';
import type { Caller } from '../operation.js';

/** The viewer a viewer-token call speaks for. */
export function viewerOf(caller: Caller): ViewerRef {
  if (!caller.viewer) throw unauthorized();
  return { tenantId: caller.tenantId, viewerId: caller.viewer.id };
}
