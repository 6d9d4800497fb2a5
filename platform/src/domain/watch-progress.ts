import type { components } from '../contract/openapi.gen.js';

export type ViewReport = components['schemas']['ViewReport'];
type ViewHeartbeat = components['schemas']['ViewHeartbeat'];
export type PlaybackEvent = ViewHeartbeat['event'];

/** The viewer-token scope of the history calls; a token naming no scopes has it too. */
const HISTORY_SCOPE = 'history';

export const recordsHistory = (scopes: readonly string[]) =>
  scopes.length === 0 || scopes.includes(HISTORY_SCOPE);

/** One playback report of a viewer, as the views role applies it. */
export interface PlaybackReport {
  event: PlaybackEvent;
  positionSec: number;
  sessionId: string;
  seq: number;
  /** When Reel received it: the server's clock, never the player's. */
  receivedAt: Date;
}

/** The watermark a history entry holds: the report it last applied. */
export interface HeldProgress {
  sessionId: string | null;
  seq: number | null;
  receivedAt: Date;
}

/** The report in a request body, or undefined for an empty one (a plain view count). */
export function reportOf(
  body: ViewReport | undefined,
): Omit<PlaybackReport, 'receivedAt'> | undefined {
  // The contract lets a body through whole (ViewHeartbeat) or empty, nothing in between.
  if (!body || !isHeartbeat(body)) return undefined;
  return {
    event: body.event,
    positionSec: body.position_sec,
    sessionId: body.session_id,
    seq: body.seq,
  };
}

const isHeartbeat = (body: ViewReport): body is ViewHeartbeat => 'event' in body;

/**
 * Whether a report moves the entry on. Within one session only a higher `seq` does, so
 * duplicates and late arrivals never move the position back; another session takes over only
 * with a report received after the one held (a redelivered old report, or one sent before the
 * entry was removed, loses).
 */
export function supersedes(held: HeldProgress, report: PlaybackReport): boolean {
  if (held.sessionId === report.sessionId) return held.seq === null || report.seq > held.seq;
  return report.receivedAt > held.receivedAt;
}

/**
 * Watched to the end: a `complete` report, or a stop within the video's last 5 % (at least
 * 10 s, at most half of a very short video), where the credits usually are.
 */
export function isFinished(event: PlaybackEvent, positionSec: number, durationSec: number | null) {
  if (event === 'complete') return true;
  if (durationSec === null || durationSec <= 0) return false;
  const tail = Math.min(Math.max(10, durationSec * 0.05), durationSec / 2);
  return positionSec >= durationSec - tail;
}

/** Where the entry stands after a report: never past the video's end. */
export function progressAfter(report: PlaybackReport, durationSec: number | null) {
  const positionSec =
    durationSec === null ? report.positionSec : Math.min(report.positionSec, durationSec);
  return { positionSec, finished: isFinished(report.event, positionSec, durationSec) };
}

/** The position a player should start at, or undefined: nothing held, or watched to the end. */
export const resumePosition = (entry: { positionSec: number; finished: boolean } | undefined) =>
  entry && !entry.finished && entry.positionSec > 0 ? entry.positionSec : undefined;
