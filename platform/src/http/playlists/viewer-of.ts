import type { PlaylistReader } from '../../app/playlists/playlist-access.js';
import type { ViewerRef } from '../../app/playlists/playlist-view.js';
import { unauthorized } from '../../domain/errors.js';
import type { Caller } from '../operation.js';

/** The viewer a viewer-token call speaks for. */
export function viewerOf(caller: Caller): ViewerRef {
  if (!caller.viewer) throw unauthorized();
  return { tenantId: caller.tenantId, viewerId: caller.viewer.id };
}

/** A read that also serves callers with no credential: the viewer, or anyone. */
export const playlistReaderOf = (caller: Caller): PlaylistReader =>
  caller.viewer ? { kind: 'viewer', ...viewerOf(caller) } : { kind: 'anyone' };
