import type { components } from '../../contract/openapi.gen.js';
import type { PlaylistItemRow, PlaylistRow } from '../../db/playlists.js';

type Schemas = components['schemas'];

/** The viewer a call speaks for: the tenant's user id in the token's `sub`. */
export interface ViewerRef {
  tenantId: string;
  viewerId: string;
}

export const playlistView = (row: PlaylistRow): Schemas['Playlist'] => ({
  playlist_id: row.id,
  owner_viewer_id: row.ownerViewerId,
  title: row.title,
  description: row.description,
  visibility: row.visibility,
  watch_later: row.watchLater,
  item_count: row.itemCount,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

export const itemView = (row: PlaylistItemRow): Schemas['PlaylistItem'] => ({
  item_id: row.id,
  playlist_id: row.playlistId,
  video_id: row.videoId,
  position: row.position,
  title: row.title,
  duration_sec: row.durationSec,
  added_at: row.createdAt.toISOString(),
});
