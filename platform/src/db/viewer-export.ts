import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import type { PlaylistItemRow } from './playlists.js';
import {
  commentBans,
  comments,
  playlistItems,
  playlists,
  reports,
  subscriptions,
  videoLikes,
  videos,
  watchHistory,
} from './schema.js';
import type { NotificationRow } from './viewer-notifications.js';

/** Every row of the tenant's tables that is about one viewer, oldest first. */
export async function viewerRows(db: Queryable, tenantId: string, viewerId: string) {
  const [
    commentRows,
    likeRows,
    subscriptionRows,
    playlistRows,
    historyRows,
    notificationRows,
    reportRows,
    banRows,
  ] = await Promise.all([
    db
      .select()
      .from(comments)
      .where(and(eq(comments.tenantId, tenantId), eq(comments.authorViewerId, viewerId)))
      .orderBy(asc(comments.createdAt)),
    db
      .select()
      .from(videoLikes)
      .where(and(eq(videoLikes.tenantId, tenantId), eq(videoLikes.viewerId, viewerId)))
      .orderBy(asc(videoLikes.createdAt)),
    db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.viewerId, viewerId)))
      .orderBy(asc(subscriptions.createdAt)),
    db
      .select()
      .from(playlists)
      .where(and(eq(playlists.tenantId, tenantId), eq(playlists.ownerViewerId, viewerId)))
      .orderBy(asc(playlists.createdAt)),
    db
      .select()
      .from(watchHistory)
      .where(and(eq(watchHistory.tenantId, tenantId), eq(watchHistory.viewerId, viewerId)))
      .orderBy(asc(watchHistory.updatedAt)),
    db.execute<NotificationRow>(
      sql`select id, kind, payload, to_json(created_at)#>>'{}' as created_at,
        to_json(read_at)#>>'{}' as read_at, to_json(created_at)#>>'{}' as position
        from notifications where tenant_id = ${tenantId} and viewer_id = ${viewerId}
        order by created_at`,
    ),
    db
      .select()
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.reporterViewerId, viewerId)))
      .orderBy(asc(reports.createdAt)),
    db
      .select()
      .from(commentBans)
      .where(and(eq(commentBans.tenantId, tenantId), eq(commentBans.viewerId, viewerId))),
  ]);
  return {
    comments: commentRows,
    likes: likeRows,
    subscriptions: subscriptionRows,
    playlists: playlistRows,
    items: await playlistItemsOf(
      db,
      playlistRows.map((p) => p.id),
    ),
    history: historyRows,
    notifications: notificationRows.rows,
    reports: reportRows,
    ban: banRows[0],
  };
}

/** Every item of these playlists, whatever its video's state now, in position order. */
async function playlistItemsOf(db: Queryable, playlistIds: string[]): Promise<PlaylistItemRow[]> {
  if (playlistIds.length === 0) return [];
  return db
    .select({
      id: playlistItems.id,
      playlistId: playlistItems.playlistId,
      videoId: playlistItems.videoId,
      position: playlistItems.position,
      createdAt: playlistItems.createdAt,
      title: videos.title,
      durationSec: videos.durationSec,
    })
    .from(playlistItems)
    .innerJoin(videos, eq(videos.id, playlistItems.videoId))
    .where(inArray(playlistItems.playlistId, playlistIds))
    .orderBy(asc(playlistItems.position));
}
