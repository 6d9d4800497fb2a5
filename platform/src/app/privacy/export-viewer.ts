import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { viewerRows } from '../../db/viewer-export.js';
import { notFound } from '../../domain/errors.js';
import { commentView } from '../comments/comment-view.js';
import { notificationView } from '../notifications/notification-view.js';
import { itemView, playlistView } from '../playlists/playlist-view.js';
import { reportView } from '../reports/report-view.js';

type ViewerExport = components['schemas']['ViewerExport'];

/**
 * Everything Reel holds about one of the tenant's viewers, read in one repeatable-read
 * transaction so the parts agree with each other. Nothing held answers 404.
 */
export async function exportViewer(
  ctx: Context,
  input: { tenantId: string; viewerId: string },
): Promise<ViewerExport> {
  const { tenantId, viewerId } = input;
  const rows = await ctx.database.db.transaction((tx) => viewerRows(tx, tenantId, viewerId), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  const held =
    rows.comments.length +
    rows.likes.length +
    rows.subscriptions.length +
    rows.playlists.length +
    rows.history.length +
    rows.notifications.length +
    rows.reports.length +
    (rows.ban ? 1 : 0);
  if (held === 0) throw notFound('Viewer');
  return {
    viewer_id: viewerId,
    exported_at: new Date().toISOString(),
    comments: rows.comments.map(commentView),
    likes: rows.likes.map((like) => ({
      video_id: like.videoId,
      liked_at: like.createdAt.toISOString(),
    })),
    subscriptions: rows.subscriptions.map((subscription) => ({
      channel_id: subscription.channelId,
      subscribed_at: subscription.createdAt.toISOString(),
    })),
    playlists: rows.playlists.map((playlist) => ({
      playlist: playlistView(playlist),
      items: rows.items.filter((item) => item.playlistId === playlist.id).map(itemView),
    })),
    watch_history: rows.history.map((entry) => ({
      video_id: entry.videoId,
      position_sec: entry.positionSec,
      finished: entry.finished,
      removed: entry.removed,
      watched_at: entry.updatedAt.toISOString(),
    })),
    notifications: rows.notifications.map(notificationView),
    reports: rows.reports.map(reportView),
    comment_ban: rows.ban
      ? { reason: rows.ban.reason, banned_at: rows.ban.createdAt.toISOString() }
      : null,
  };
}
