import type { Context } from '../../context.js';
import {
  addToRollups,
  addToTenantRollups,
  claimSessions,
  findVideoFacts,
  type RollupDelta,
  type SessionClaim,
  type SessionFiguresRow,
  type SessionRow,
  type TenantRollupDelta,
  writeSessions,
} from '../../db/analytics-sessions.js';
import type { ViewDimensions } from '../../domain/analytics-dimensions.js';
import {
  mergeReports,
  playedAt,
  RETENTION_POINTS,
  type SessionReport,
  sessionFigures,
  sessionRendition,
} from '../../domain/analytics-sessions.js';
import { isUuid } from '../../domain/uuid.js';
import type { PlaybackEvent } from '../../domain/watch-progress.js';
import type { BusEvent } from '../../ports/event-bus.js';

/** The parts of an `events.views` payload analytics reads (record-view.ts writes them). */
interface ViewPayload {
  report?: {
    event: PlaybackEvent;
    position_sec: number;
    session_id: string;
    seq: number;
    client_ts?: string;
    from_sec?: number;
    rendition?: string;
  };
  analytics?: ViewDimensions & { viewer_key: string };
}

type StoredReport = SessionRow['reports'][number];

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Applies a batch of playback reports to their sessions and the rollups, in one transaction:
 * each touched session is locked, gets its new reports (one per `seq`), and is read again from
 * all of them; the rollups take back what the session added before and add what it adds now.
 * So duplicates, reordering, late reports and a replay of the whole log change nothing twice,
 * and a batch cut short leaves nothing behind (it is redelivered whole).
 */
export async function ingestViewReports(ctx: Context, events: readonly BusEvent[]) {
  const incoming = sessionsOf(events);
  if (incoming.size === 0) return;
  await ctx.database.db.transaction(async (tx) => {
    const facts = await findVideoFacts(tx, [
      ...new Set([...incoming.values()].map((s) => s.videoId)),
    ]);
    const claims: SessionClaim[] = [];
    for (const session of incoming.values()) {
      const video = facts.get(session.videoId);
      // A report is queued only for a playable video of its tenant; anything else is not counted.
      if (!video || video.tenantId !== session.tenantId) continue;
      claims.push({
        ...session,
        channelId: video.channelId,
        playbackPolicy: video.playbackPolicy,
        at: new Date(session.reports[0]?.at ?? 0),
      });
    }
    const held = await claimSessions(tx, claims);
    const rows: SessionFiguresRow[] = [];
    const deltas = new Rollups();
    for (const claim of claims) {
      const key = `${claim.tenantId}\n${claim.sessionId}`;
      const row = held.get(key);
      const incomingReports = incoming.get(key)?.reports ?? [];
      // A session belongs to the video and viewer that first reported it: others are forged.
      if (!row || row.videoId !== claim.videoId || row.viewerKey !== claim.viewerKey) continue;
      const before = row.reports.map(fromStored);
      const reports = mergeReports(before, incomingReports);
      if (reports.length === before.length) continue;
      const video = facts.get(claim.videoId);
      const figures = sessionFigures(
        reports,
        video?.durationSec ?? null,
        ctx.config.analytics.engagedSec,
      );
      if (before.length > 0) deltas.add(row, -1);
      const after = {
        tenantId: row.tenantId,
        sessionId: row.sessionId,
        startedAt: new Date(figures.startedAt),
        endedAt: new Date(figures.endedAt),
        watchTimeSec: figures.watchTimeSec,
        engaged: figures.engaged,
        completed: figures.completed,
        covered: figures.covered,
        rendition: sessionRendition(reports),
        reports: reports.map(toStored),
      };
      deltas.add({ ...row, ...after }, 1);
      rows.push(after);
    }
    await writeSessions(tx, rows);
    await addToRollups(tx, 'hour', deltas.list('hour'));
    await addToRollups(tx, 'day', deltas.list('day'));
    await addToTenantRollups(tx, 'hour', withoutVideos(deltas.list('hour')));
    await addToTenantRollups(tx, 'day', withoutVideos(deltas.list('day')));
  });
}

/** The batch's reports by session; within a batch too, the first video and viewer own it. */
function sessionsOf(events: readonly BusEvent[]) {
  const sessions = new Map<
    string,
    ViewDimensions & {
      tenantId: string;
      sessionId: string;
      videoId: string;
      viewerKey: string;
      reports: SessionReport[];
    }
  >();
  for (const event of events) {
    const { report, analytics } = event.payload as ViewPayload;
    if (!report || !analytics || !isUuid(event.key)) continue;
    const at = playedAt(event.emittedAt, report.client_ts);
    if (at === undefined) continue;
    const key = `${event.tenantId}\n${report.session_id}`;
    const session = sessions.get(key) ?? {
      tenantId: event.tenantId,
      sessionId: report.session_id,
      videoId: event.key,
      viewerKey: analytics.viewer_key,
      country: analytics.country,
      device: analytics.device,
      browser: analytics.browser,
      os: analytics.os,
      referrer: analytics.referrer,
      reports: [],
    };
    if (session.videoId !== event.key || session.viewerKey !== analytics.viewer_key) continue;
    session.reports.push({
      seq: report.seq,
      event: report.event,
      positionSec: report.position_sec,
      ...(report.from_sec !== undefined && { fromSec: report.from_sec }),
      ...(report.rendition !== undefined && { rendition: report.rendition }),
      at,
    });
    sessions.set(key, session);
  }
  return sessions;
}

/** The per-video deltas summed over videos, for the tenant's rollups, in key order. */
function withoutVideos(deltas: readonly RollupDelta[]): TenantRollupDelta[] {
  const rows = new Map<string, TenantRollupDelta>();
  for (const { videoId: _video, channelId: _channel, ...delta } of deltas) {
    const key = JSON.stringify([
      delta.tenantId,
      delta.bucket.getTime(),
      delta.country,
      delta.device,
      delta.browser,
      delta.os,
      delta.referrer,
      delta.playbackPolicy,
      delta.rendition,
    ]);
    const row = rows.get(key);
    if (!row) {
      rows.set(key, { ...delta, retention: [...delta.retention] });
      continue;
    }
    row.views += delta.views;
    row.engagedViews += delta.engagedViews;
    row.completedViews += delta.completedViews;
    row.watchTimeSec += delta.watchTimeSec;
    delta.retention.forEach((n, p) => {
      row.retention[p] = (row.retention[p] ?? 0) + n;
    });
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

/** Reports from before seeks and renditions were kept have four elements. */
const toStored = (r: SessionReport): StoredReport =>
  r.fromSec === undefined && r.rendition === undefined
    ? [r.seq, r.event, r.positionSec, r.at]
    : [r.seq, r.event, r.positionSec, r.at, r.fromSec ?? null, r.rendition ?? null];
const fromStored = ([seq, event, positionSec, at, fromSec, rendition]: StoredReport) => {
  const report: SessionReport = { seq, event: event as PlaybackEvent, positionSec, at };
  if (typeof fromSec === 'number') report.fromSec = fromSec;
  if (typeof rendition === 'string') report.rendition = rendition;
  return report;
};

/** Rollup deltas summed per row, so each row is written once per batch. */
class Rollups {
  readonly #rows = { hour: new Map<string, RollupDelta>(), day: new Map<string, RollupDelta>() };

  add(session: SessionRow, sign: 1 | -1) {
    for (const grain of ['hour', 'day'] as const) {
      const size = grain === 'hour' ? HOUR_MS : DAY_MS;
      const bucket = new Date(Math.floor(session.startedAt.getTime() / size) * size);
      const dims = [
        session.country,
        session.device,
        session.browser,
        session.os,
        session.referrer,
        session.playbackPolicy,
        session.rendition,
      ];
      const key = JSON.stringify([session.tenantId, session.videoId, bucket.getTime(), ...dims]);
      const row = this.#rows[grain].get(key) ?? {
        tenantId: session.tenantId,
        videoId: session.videoId,
        channelId: session.channelId,
        bucket,
        country: session.country,
        device: session.device,
        browser: session.browser,
        os: session.os,
        referrer: session.referrer,
        playbackPolicy: session.playbackPolicy,
        rendition: session.rendition,
        views: 0,
        engagedViews: 0,
        completedViews: 0,
        watchTimeSec: 0,
        retention: new Array<number>(RETENTION_POINTS).fill(0),
      };
      row.views += sign;
      row.engagedViews += session.engaged ? sign : 0;
      row.completedViews += session.completed ? sign : 0;
      row.watchTimeSec += sign * session.watchTimeSec;
      for (let p = 0; p < RETENTION_POINTS; p++) {
        if (session.covered[p] === '1') row.retention[p] = (row.retention[p] ?? 0) + sign;
      }
      this.#rows[grain].set(key, row);
    }
  }

  /** The rows that change, in key order. */
  list(grain: 'hour' | 'day') {
    return [...this.#rows[grain].entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row)
      .filter(
        (r) =>
          r.views !== 0 ||
          r.watchTimeSec !== 0 ||
          r.engagedViews !== 0 ||
          r.completedViews !== 0 ||
          r.retention.some((n) => n !== 0),
      );
  }
}
