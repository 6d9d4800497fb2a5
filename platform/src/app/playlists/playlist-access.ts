import type { Queryable } from '../../db/connection.js';
import { findPlaylist, findSharedPlaylist, lockPlaylist } from '../../db/playlists.js';
import { notFound } from '../../domain/errors.js';
import type { ViewerRef } from './playlist-view.js';

/** Who reads a playlist: one of the tenant's viewers, or anyone, with no credential. */
export type PlaylistReader = { kind: 'anyone' } | ({ kind: 'viewer' } & ViewerRef);

/**
 * A playlist the reader may read: a viewer their own, or another viewer's public or unlisted
 * one; anyone a public or unlisted one. Any other reads as missing, like an unknown id.
 */
export async function readablePlaylist(db: Queryable, reader: PlaylistReader, playlistId: string) {
  if (reader.kind === 'anyone') {
    const shared = await findSharedPlaylist(db, playlistId);
    if (!shared) throw notFound('Playlist');
    return shared;
  }
  const row = await findPlaylist(db, reader.tenantId, playlistId);
  if (!row || (row.visibility === 'private' && row.ownerViewerId !== reader.viewerId)) {
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
