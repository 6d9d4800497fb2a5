import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { type PlaylistItemRow, playlistItemColumns } from './playlists.js';
import {
  analyticsSessions,
  channels,
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

export type ExportedViewer = { tenantId: string; viewerId: string; viewerKey: string };
/** A page of a section; the export reads in one repeatable-read snapshot, so offsets hold still. */
export type ExportPage = { limit: number; offset: number };

/** One page of each section of a viewer's export, oldest first, a stable order within it. */
export const exportPages = {
  comments: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(comments)
      .where(and(eq(comments.tenantId, who.tenantId), eq(comments.authorViewerId, who.viewerId)))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(page.limit)
      .offset(page.offset),
  likes: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(videoLikes)
      .where(and(eq(videoLikes.tenantId, who.tenantId), eq(videoLikes.viewerId, who.viewerId)))
      .orderBy(asc(videoLikes.createdAt), asc(videoLikes.videoId))
      .limit(page.limit)
      .offset(page.offset),
  subscriptions: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(subscriptions)
      .where(
        and(eq(subscriptions.tenantId, who.tenantId), eq(subscriptions.viewerId, who.viewerId)),
      )
      .orderBy(asc(subscriptions.createdAt), asc(subscriptions.channelId))
      .limit(page.limit)
      .offset(page.offset),
  playlists: async (db: Queryable, who: ExportedViewer, page: ExportPage) => {
    const rows = await db
      .select()
      .from(playlists)
      .where(and(eq(playlists.tenantId, who.tenantId), eq(playlists.ownerViewerId, who.viewerId)))
      .orderBy(asc(playlists.createdAt), asc(playlists.id))
      .limit(page.limit)
      .offset(page.offset);
    const items = await playlistItemsOf(
      db,
      rows.map((p) => p.id),
    );
    return rows.map((playlist) => ({
      playlist,
      items: items.filter((item) => item.playlistId === playlist.id),
    }));
  },
  history: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(watchHistory)
      .where(and(eq(watchHistory.tenantId, who.tenantId), eq(watchHistory.viewerId, who.viewerId)))
      .orderBy(asc(watchHistory.updatedAt), asc(watchHistory.videoId))
      .limit(page.limit)
      .offset(page.offset),
  notifications: async (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    (
      await db.execute<NotificationRow>(
        sql`select id, kind, payload, to_json(created_at)#>>'{}' as created_at,
        to_json(read_at)#>>'{}' as read_at, to_json(created_at)#>>'{}' as position
        from notifications where tenant_id = ${who.tenantId} and viewer_id = ${who.viewerId}
        order by created_at, id limit ${page.limit} offset ${page.offset}`,
      )
    ).rows,
  reports: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(reports)
      .where(and(eq(reports.tenantId, who.tenantId), eq(reports.reporterViewerId, who.viewerId)))
      .orderBy(asc(reports.createdAt), asc(reports.id))
      .limit(page.limit)
      .offset(page.offset),
  analyticsSessions: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(analyticsSessions)
      .where(
        and(
          eq(analyticsSessions.tenantId, who.tenantId),
          eq(analyticsSessions.viewerKey, who.viewerKey),
        ),
      )
      .orderBy(asc(analyticsSessions.startedAt), asc(analyticsSessions.sessionId))
      .limit(page.limit)
      .offset(page.offset),
  ownedChannels: (db: Queryable, who: ExportedViewer, page: ExportPage) =>
    db
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, who.tenantId), eq(channels.ownerViewerId, who.viewerId)))
      .orderBy(asc(channels.createdAt), asc(channels.id))
      .limit(page.limit)
      .offset(page.offset),
};

export async function commentBanOf(db: Queryable, who: ExportedViewer) {
  const [ban] = await db
    .select()
    .from(commentBans)
    .where(and(eq(commentBans.tenantId, who.tenantId), eq(commentBans.viewerId, who.viewerId)));
  return ban;
}

/** Every item of these playlists, whatever its video's state now, in position order. */
async function playlistItemsOf(db: Queryable, playlistIds: string[]): Promise<PlaylistItemRow[]> {
  if (playlistIds.length === 0) return [];
  return db
    .select(playlistItemColumns)
    .from(playlistItems)
    .innerJoin(videos, eq(videos.id, playlistItems.videoId))
    .where(inArray(playlistItems.playlistId, playlistIds))
    .orderBy(asc(playlistItems.position));
}
