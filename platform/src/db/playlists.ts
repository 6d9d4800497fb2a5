import { and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import { type PositionShift, parkedPosition } from '../domain/playlist-positions.js';
import type { Db, Queryable } from './connection.js';
import { playlistItems, playlists, videos } from './schema.js';
import { newestFirst } from './tenants.js';

export type PlaylistRow = typeof playlists.$inferSelect;
export type PlaylistChange = Partial<
  Pick<PlaylistRow, 'title' | 'description' | 'visibility' | 'itemCount'>
>;

export async function insertPlaylist(db: Queryable, values: typeof playlists.$inferInsert) {
  const [row] = await db.insert(playlists).values(values).returning();
  if (!row) throw new Error('playlist insert returned nothing');
  return row;
}

export async function findPlaylist(db: Queryable, tenantId: string, playlistId: string) {
  const [row] = await db
    .select()
    .from(playlists)
    .where(and(eq(playlists.id, playlistId), eq(playlists.tenantId, tenantId)));
  return row;
}

/** A playlist anyone with its id may read (public or unlisted), whichever tenant's it is. */
export async function findSharedPlaylist(db: Queryable, playlistId: string) {
  const [row] = await db
    .select()
    .from(playlists)
    .where(and(eq(playlists.id, playlistId), ne(playlists.visibility, 'private')));
  return row;
}

/** Locks the playlist row: every change to its items runs under this lock, one at a time. */
export async function lockPlaylist(db: Queryable, tenantId: string, playlistId: string) {
  const [row] = await db
    .select()
    .from(playlists)
    .where(and(eq(playlists.id, playlistId), eq(playlists.tenantId, tenantId)))
    .for('update');
  return row;
}

export async function setPlaylist(db: Queryable, playlistId: string, change: PlaylistChange) {
  const [row] = await db
    .update(playlists)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(playlists.id, playlistId))
    .returning();
  if (!row) throw new Error(`playlist ${playlistId} vanished during an update`);
  return row;
}

export async function deletePlaylist(db: Queryable, playlistId: string) {
  await db.delete(playlists).where(eq(playlists.id, playlistId));
}

export async function listOwnPlaylists(
  db: Db,
  owner: { tenantId: string; viewerId: string },
  position: ListPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(playlists)
    .where(
      and(
        eq(playlists.tenantId, owner.tenantId),
        eq(playlists.ownerViewerId, owner.viewerId),
        newestFirst(playlists, position),
      ),
    )
    .orderBy(desc(playlists.createdAt), desc(playlists.id))
    .limit(limit);
}

/** The viewer's watch-later list; concurrent first calls meet on playlists_watch_later_idx. */
export async function ensureWatchLater(db: Queryable, tenantId: string, viewerId: string) {
  await db
    .insert(playlists)
    .values({
      tenantId,
      ownerViewerId: viewerId,
      title: 'Watch later',
      visibility: 'private',
      watchLater: true,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(playlists)
    .where(
      and(
        eq(playlists.tenantId, tenantId),
        eq(playlists.ownerViewerId, viewerId),
        eq(playlists.watchLater, true),
      ),
    );
  if (!row) throw new Error('watch-later playlist missing after its insert');
  return row;
}

/** What a viewer may watch: ready, not private, not deleted. */
const watchable = and(
  isNull(videos.deletedAt),
  eq(videos.status, 'ready'),
  ne(videos.visibility, 'private'),
);

export async function findWatchableVideo(db: Queryable, tenantId: string, videoId: string) {
  const [row] = await db
    .select({ id: videos.id, title: videos.title, durationSec: videos.durationSec })
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.tenantId, tenantId), watchable));
  return row;
}

/** The columns of a `PlaylistItemRow`, on playlist_items joined to videos. */
export const playlistItemColumns = {
  id: playlistItems.id,
  playlistId: playlistItems.playlistId,
  videoId: playlistItems.videoId,
  position: playlistItems.position,
  createdAt: playlistItems.createdAt,
  title: videos.title,
  durationSec: videos.durationSec,
};
export interface PlaylistItemRow {
  id: string;
  playlistId: string;
  videoId: string;
  position: number;
  createdAt: Date;
  title: string;
  durationSec: number | null;
}

/**
 * A page of the items whose videos are watchable, in position order after `afterPosition`;
 * with `publicOnly`, only videos that also play without a token (for callers with none).
 */
export async function listWatchableItems(
  db: Queryable,
  playlistId: string,
  page: { afterPosition: number | undefined; limit: number; publicOnly: boolean },
): Promise<PlaylistItemRow[]> {
  const { afterPosition, limit } = page;
  return db
    .select(playlistItemColumns)
    .from(playlistItems)
    .innerJoin(videos, eq(videos.id, playlistItems.videoId))
    .where(
      and(
        eq(playlistItems.playlistId, playlistId),
        afterPosition === undefined ? undefined : gt(playlistItems.position, afterPosition),
        watchable,
        page.publicOnly ? eq(videos.playbackPolicy, 'public') : undefined,
      ),
    )
    .orderBy(asc(playlistItems.position))
    .limit(limit);
}

export async function findItem(db: Queryable, playlistId: string, itemId: string) {
  const [row] = await db
    .select(playlistItemColumns)
    .from(playlistItems)
    .innerJoin(videos, eq(videos.id, playlistItems.videoId))
    .where(and(eq(playlistItems.playlistId, playlistId), eq(playlistItems.id, itemId)));
  return row;
}

export async function findItemOfVideo(db: Queryable, playlistId: string, videoId: string) {
  const [row] = await db
    .select({ id: playlistItems.id })
    .from(playlistItems)
    .where(and(eq(playlistItems.playlistId, playlistId), eq(playlistItems.videoId, videoId)));
  return row;
}

export async function insertItem(
  db: Queryable,
  values: { playlistId: string; videoId: string; position: number },
) {
  const [row] = await db.insert(playlistItems).values(values).returning();
  if (!row) throw new Error('playlist item insert returned nothing');
  return row;
}

export async function deleteItem(db: Queryable, itemId: string) {
  await db.delete(playlistItems).where(eq(playlistItems.id, itemId));
}

/**
 * Moves a run of items by one step, and optionally one item to its new place, in two updates:
 * the first parks every moving row at a negative value, the second turns those into their
 * final positions, so playlist_items_position_idx never sees two rows at one position.
 */
export async function shiftItems(
  db: Queryable,
  playlistId: string,
  shift: PositionShift,
  placed?: { itemId: string; position: number },
) {
  const inRun =
    shift.from <= shift.to
      ? sql`${playlistItems.position} between ${shift.from} and ${shift.to}`
      : undefined;
  const moving = or(inRun, placed ? eq(playlistItems.id, placed.itemId) : undefined);
  if (!moving) return;
  const parked = placed
    ? sql`case when ${playlistItems.id} = ${placed.itemId} then ${parkedPosition(placed.position)}::int
        else -(${playlistItems.position} + ${shift.delta}::int) - 1 end`
    : sql`-(${playlistItems.position} + ${shift.delta}::int) - 1`;
  await db
    .update(playlistItems)
    .set({ position: parked })
    .where(and(eq(playlistItems.playlistId, playlistId), moving));
  await db
    .update(playlistItems)
    .set({ position: sql`-${playlistItems.position} - 1` })
    .where(and(eq(playlistItems.playlistId, playlistId), sql`${playlistItems.position} < 0`));
}
