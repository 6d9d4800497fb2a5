import { createHash } from 'node:crypto';
import type { PlaybackEvent } from './watch-progress.js';
import { isFinished } from './watch-progress.js';

/** Reports more than this late (by the player's clock) are not counted any more. */
export const MAX_LATENESS_MS = 24 * 3600_000;
/** A player clock this far ahead of Reel's is not believed. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Two reports further apart than this in position are a seek, not playing (heartbeats: 10 s). */
const MAX_PLAYED_STEP_SEC = 15;
/** Slack between position and clock, for timer jitter and rounding of `client_ts`. */
const CLOCK_SLACK_SEC = 2;
/** A session keeps at most this many reports: 11 hours of heartbeats; more is a flood. */
export const MAX_REPORTS_PER_SESSION = 4000;
/** The retention curve's points: one per 1 % of the duration. */
export const RETENTION_POINTS = 100;

/** One report of a session, as the analytics role keeps it. */
export interface SessionReport {
  seq: number;
  event: PlaybackEvent;
  positionSec: number;
  /** On a report sent at a seek, the position the playhead left. */
  fromSec?: number;
  /** The rendition the player was playing, such as `720p`. */
  rendition?: string;
  /** When it was played: the player's clock when believable, else when Reel received it. */
  at: number;
}

/**
 * When a report was played, or undefined for one more than 24 h late: the player's clock
 * (so a late batch lands in the hour it was watched) unless it is missing or runs ahead of
 * Reel's, then the receive time.
 */
export function playedAt(receivedAt: Date, clientTs: string | undefined): number | undefined {
  const received = receivedAt.getTime();
  const client = clientTs === undefined ? Number.NaN : Date.parse(clientTs);
  if (Number.isNaN(client) || client > received + MAX_CLOCK_AHEAD_MS) return received;
  return client < received - MAX_LATENESS_MS ? undefined : client;
}

/**
 * The session's reports with `added` merged in: one per `seq` (the first received wins, so a
 * duplicate changes nothing), in `seq` order, at most `MAX_REPORTS_PER_SESSION`.
 */
export function mergeReports(
  held: readonly SessionReport[],
  added: readonly SessionReport[],
): SessionReport[] {
  const bySeq = new Map<number, SessionReport>();
  for (const report of [...held, ...added]) {
    if (!bySeq.has(report.seq)) bySeq.set(report.seq, report);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(0, MAX_REPORTS_PER_SESSION);
}

/** What one session adds to the figures. */
export interface SessionFigures {
  startedAt: number;
  endedAt: number;
  watchTimeSec: number;
  engaged: boolean;
  completed: boolean;
  /** `RETENTION_POINTS` characters, `1` where the session played that point of the video. */
  covered: string;
}

/** The rendition of the session: the last one its reports (in `seq` order) name; '' for none. */
export function sessionRendition(reports: readonly SessionReport[]): string {
  return reports.findLast((r) => r.rendition !== undefined)?.rendition ?? '';
}

/**
 * Reads a session from its reports in `seq` order: between two reports the position moved
 * forward by what the clock allows and no more than a heartbeat's step was played; a bigger or
 * backward jump is a seek and a standing position a pause, neither counted; a report naming
 * `fromSec` (sent at a seek) ends the played span there. Positions are capped at the duration.
 */
export function sessionFigures(
  reports: readonly SessionReport[],
  durationSec: number | null,
  engagedSec: number,
): SessionFigures {
  const cap = (p: number) => (durationSec === null ? p : Math.min(p, durationSec));
  const played: [number, number][] = [];
  for (let i = 1; i < reports.length; i++) {
    const a = reports[i - 1] as SessionReport;
    const b = reports[i] as SessionReport;
    const from = cap(a.positionSec);
    // At a seek the player says where it left, so the play up to there counts exactly.
    const to = cap(b.fromSec ?? b.positionSec);
    const step = to - from;
    const clockSec = (b.at - a.at) / 1000;
    if (a.event === 'complete' || step <= 0 || step > MAX_PLAYED_STEP_SEC) continue;
    if (step > clockSec + CLOCK_SLACK_SEC) continue;
    played.push([from, to]);
  }
  const watchTimeSec = played.reduce((sum, [from, to]) => sum + (to - from), 0);
  const distinctSec = unionLength(played);
  const furthest = played.reduce((max, [, to]) => Math.max(max, to), 0);
  const times = reports.map((r) => r.at);
  return {
    startedAt: Math.min(...times),
    endedAt: Math.max(...times),
    watchTimeSec,
    engaged: distinctSec >= (durationSec ? Math.min(engagedSec, durationSec / 2) : engagedSec),
    completed:
      reports.some((r) => r.event === 'complete') ||
      (played.length > 0 && isFinished('heartbeat', furthest, durationSec)),
    covered: coveredPoints(played, durationSec),
  };
}

function unionLength(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** Point `p` (0..99) is `p` % into the video; a played span covers the points in [from, to). */
function coveredPoints(played: readonly [number, number][], durationSec: number | null): string {
  let covered = '';
  for (let p = 0; p < RETENTION_POINTS; p++) {
    const at = durationSec ? (durationSec * p) / RETENTION_POINTS : Number.NaN;
    covered += played.some(([from, to]) => from <= at && at < to) ? '1' : '0';
  }
  return covered;
}

/**
 * Who a view is from, for unique viewers: the viewer token's viewer, else the address and
 * browser, hashed so analytics keeps neither.
 */
export function analyticsViewerKey(
  who: { viewerId: string } | { ip: string; userAgent: string },
): string {
  const source = 'viewerId' in who ? `viewer\n${who.viewerId}` : `${who.ip}\n${who.userAgent}`;
  return createHash('sha256').update(source).digest('base64url').slice(0, 22);
}

/**
 * How long analytics keeps its rows: sessions (unique viewers, peak concurrency, retention
 * curves) and hourly rollups 90 days, daily rollups 2 years.
 */
export const RETENTION_DAYS = { sessions: 90, hourly: 90, daily: 731 } as const;
