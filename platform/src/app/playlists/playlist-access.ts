import type { Queryable } from '../../db/connection.js';
import { findPlaylist, lockPlaylist } from '../../db/playlists.js';
import { notFound } from '../../domain/errors.js';
import type { ViewerRef } from './playlist-view.js';

/** A playlist the viewer may read: their own, or another viewer's public or unlisted one. */
export async function readablePlaylist(db: Queryable, viewer: ViewerRef, playlistId: string) {
  const row = await findPlaylist(db, viewer.tenantId, playlistId);
  if (!row || (row.visibility === 'private' && row.ownerViewerId !== viewer.viewerId)) {
    throw notFound('Playlist');
  }
  return row;
}

/**
 * The viewer's own playlist, locked for the rest of the transaction so item changes run one
 * at a time. Someone else's reads as missing, whatever its visibility, so ids leak nothing.
 */
export async function lockOwnPlaylist(tx: Queryable, viewer: ViewerRef, playlistId: string) {
  const row = await lockPlaylist(tx, viewer.tenantId, playlistId);
  if (!row || row.ownerViewerId !== viewer.viewerId) throw notFound('Playlist');
  return row;
}
