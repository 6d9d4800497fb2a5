import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import type { Queryable } from '../../db/connection.js';
import { openTenantSession } from '../../db/tenant-session.js';
import { holdsAnything } from '../../db/viewer-erasure-batches.js';
import {
  commentBanOf,
  type ExportedViewer,
  type ExportPage,
  exportPages,
} from '../../db/viewer-export.js';
import { analyticsViewerKey } from '../../domain/analytics-sessions.js';
import { notFound } from '../../domain/errors.js';
import { channelView } from '../channels/channel-view.js';
import { commentView } from '../comments/comment-view.js';
import { notificationView } from '../notifications/notification-view.js';
import { itemView, playlistView } from '../playlists/playlist-view.js';
import { reportView } from '../reports/report-view.js';

type ViewerExport = components['schemas']['ViewerExport'];
type SectionName = Exclude<keyof ViewerExport, 'viewer_id' | 'exported_at' | 'comment_ban'>;

/** Rows read and written at a time: what the export holds in memory, whatever its size. */
const PAGE_ROWS = 500;

/** A section of the archive: one page of it as the API shows it (URLs under `publicUrl`). */
const section =
  <Row, View>(
    read: (db: Queryable, who: ExportedViewer, page: ExportPage) => Promise<Row[]>,
    view: (row: Row, publicUrl: string) => View,
  ) =>
  async (db: Queryable, who: ExportedViewer, page: ExportPage, publicUrl: string) =>
    (await read(db, who, page)).map((row) => view(row, publicUrl));

const SECTIONS: Record<SectionName, ReturnType<typeof section>> = {
  comments: section(exportPages.comments, (comment) => commentView(comment)),
  likes: section(exportPages.likes, (like) => ({
    video_id: like.videoId,
    liked_at: like.createdAt.toISOString(),
  })),
  subscriptions: section(exportPages.subscriptions, (subscription) => ({
    channel_id: subscription.channelId,
    subscribed_at: subscription.createdAt.toISOString(),
  })),
  playlists: section(exportPages.playlists, ({ playlist, items }) => ({
    playlist: playlistView(playlist),
    items: items.map(itemView),
  })),
  watch_history: section(exportPages.history, (entry) => ({
    video_id: entry.videoId,
    position_sec: entry.positionSec,
    finished: entry.finished,
    removed: entry.removed,
    watched_at: entry.updatedAt.toISOString(),
  })),
  notifications: section(exportPages.notifications, (row) => notificationView(row)),
  reports: section(exportPages.reports, (report) => reportView(report)),
  analytics_sessions: section(exportPages.analyticsSessions, (session) => ({
    session_id: session.sessionId,
    video_id: session.videoId,
    started_at: session.startedAt.toISOString(),
    ended_at: session.endedAt.toISOString(),
    watch_time_sec: session.watchTimeSec,
    engaged: session.engaged,
    completed: session.completed,
    country: session.country,
    device: session.device,
    browser: session.browser,
    os: session.os,
    referrer: session.referrer,
  })),
  owned_channels: section(exportPages.ownedChannels, channelView),
};

/** The archive as JSON text, a page of rows at a time, in the order the contract lists it. */
async function* archiveText(
  db: Queryable,
  who: ExportedViewer,
  publicUrl: string,
): AsyncGenerator<string> {
  yield `{"viewer_id":${JSON.stringify(who.viewerId)},"exported_at":"${new Date().toISOString()}"`;
  for (const [name, read] of Object.entries(SECTIONS)) {
    yield `,${JSON.stringify(name)}:[`;
    for (let offset = 0; ; offset += PAGE_ROWS) {
      const views = await read(db, who, { limit: PAGE_ROWS, offset }, publicUrl);
      if (views.length > 0) {
        yield `${offset > 0 ? ',' : ''}${views.map((v) => JSON.stringify(v)).join(',')}`;
      }
      if (views.length < PAGE_ROWS) break;
    }
    yield ']';
  }
  const ban = await commentBanOf(db, who);
  const banView = ban ? { reason: ban.reason, banned_at: ban.createdAt.toISOString() } : null;
  yield `,"comment_ban":${JSON.stringify(banView)}}`;
}

/**
 * Everything Reel holds about one of the tenant's viewers, streamed as one JSON document read in
 * one repeatable-read transaction (so its parts agree) on a session of its own, which stays open
 * while the client reads. Nothing held answers 404 before anything is sent.
 */
export async function exportViewer(
  ctx: Context,
  input: { tenantId: string; viewerId: string },
): Promise<Readable> {
  const who = { ...input, viewerKey: analyticsViewerKey({ viewerId: input.viewerId }) };
  const archive = new PassThrough();
  const session = openTenantSession(ctx.database.pool, input.tenantId);
  await new Promise<void>((started, refused) => {
    session.db
      .transaction(
        async (tx) => {
          if (!(await holdsAnything(tx, who))) throw notFound('Viewer');
          started();
          // A failure from here on destroys the stream, which cuts the answer short.
          await pipeline(Readable.from(archiveText(tx, who, ctx.config.publicUrl)), archive);
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
      // Refusing once started changes nothing: the answer is already on its way.
      .catch(refused)
      .finally(() => session.close());
  });
  return archive;
}
