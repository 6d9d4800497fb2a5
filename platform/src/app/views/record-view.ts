import type { Context } from '../../context.js';
import { cachedVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { analyticsViewerKey } from '../../domain/analytics-sessions.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { shownTo } from '../../domain/video-audience.js';
import { VIEW_WINDOW_SEC, viewClaimKey, viewerClaimKey } from '../../domain/views.js';
import { recordsHistory, reportOf, type ViewReport } from '../../domain/watch-progress.js';
import { viewDimensions } from '../analytics/view-dimensions.js';
import { authorizePlayback } from '../playback/playback-access.js';
import type { PlaybackAccess } from '../playback/playback-answer.js';

export interface ViewInput {
  videoId: string;
  access: PlaybackAccess;
  ip: string;
  userAgent: string;
  /** The page the player ran on (`Referer`): analytics keeps its domain. */
  referrer?: string;
  /** The caller of a viewer token: their reports build their watch history. */
  viewer?: { tenantId: string; viewerId: string; scopes: readonly string[] };
  body?: ViewReport;
}

/**
 * The video a report is about. A viewer token vouches for the viewer as a playback token does
 * for a playback, so the tenant's viewers report on any video `shownTo` them, signed ones
 * included; another tenant's viewer finds nothing (videos are cached across tenants, so this
 * checks the tenant itself). Anyone else reports on what they may play.
 */
async function reportedVideo(ctx: Context, input: ViewInput) {
  if (!input.viewer) {
    return (await authorizePlayback(ctx, input.videoId, 'views', input.access)).video;
  }
  const found = await cachedVideo(ctx, input.videoId);
  if (!found || !shownTo(found.video, { kind: 'viewer', tenantId: input.viewer.tenantId })) {
    throw notFound('Video');
  }
  return found.video;
}

/**
 * Takes one playback report of a playable video: counts a view once per viewer (the token's
 * viewer, else address and user agent) per half hour, and queues the report for the views role,
 * which builds the viewer's history, and for the analytics role, which keeps where it came from
 * (country, device, browser, OS, referrer domain, never the address itself). One event row per
 * call; the request never touches history.
 */
export async function recordView(ctx: Context, input: ViewInput): Promise<{ counted: boolean }> {
  const report = reportOf(input.body);
  // Only analytics reads the player's clock (to put a late report in the hour it was played),
  // the position a seek left and the rendition.
  const heartbeat = report && input.body && 'event' in input.body ? input.body : undefined;
  const video = await reportedVideo(ctx, input);
  const key = input.viewer
    ? viewerClaimKey(video.id, input.viewer.viewerId)
    : viewClaimKey(video.id, input.ip, input.userAgent);
  // With the cache down, counting twice beats losing the view.
  const counted = (await ctx.cache.claimOnce(key, VIEW_WINDOW_SEC)) ?? true;
  const builds =
    input.viewer !== undefined && report !== undefined && recordsHistory(input.viewer.scopes);
  // The views role adds it to the count: a request writes one event row, never the hot video row.
  if (counted || report) {
    await emit(ctx.database.db, {
      topic: TOPICS.viewRecorded,
      videoId: video.id,
      tenantId: video.tenantId,
      data: {
        counted,
        ...(builds && { viewer_id: input.viewer?.viewerId }),
        ...(report && {
          report: {
            event: report.event,
            position_sec: report.positionSec,
            session_id: report.sessionId,
            seq: report.seq,
            ...(heartbeat?.client_ts !== undefined && { client_ts: heartbeat.client_ts }),
            ...(heartbeat?.from_sec !== undefined && { from_sec: heartbeat.from_sec }),
            ...(heartbeat?.rendition !== undefined && { rendition: heartbeat.rendition }),
          },
          analytics: {
            viewer_key: analyticsViewerKey(
              input.viewer?.viewerId !== undefined
                ? { viewerId: input.viewer.viewerId }
                : { ip: input.ip, userAgent: input.userAgent },
            ),
            ...viewDimensions(input),
          },
        }),
      },
    });
  }
  return { counted };
}
