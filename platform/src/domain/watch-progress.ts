import type { components } from '../contract/openapi.gen.js';
import { badRequest } from './errors.js';

export type ViewHeartbeat = components['schemas']['ViewHeartbeat'];
export type PlaybackEvent = NonNullable<ViewHeartbeat['event']>;

/** The viewer-token scope of the history calls; a token naming no scopes has it too. */
export const HISTORY_SCOPE = 'history';

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

/**
 * The report in a request body, or undefined for an empty body (a plain view count, as older
 * players send). The contract checks each field; this checks they come together.
 */
export function reportOf(
  body: ViewHeartbeat | undefined,
): Omit<PlaybackReport, 'receivedAt'> | undefined {
  if (!body || Object.keys(body).length === 0) return undefined;
  const { event, position_sec: positionSec, session_id: sessionId, seq } = body;
  if (
    event === undefined ||
    positionSec === undefined ||
    sessionId === undefined ||
    seq === undefined
  ) {
    const missing = (['event', 'position_sec', 'session_id', 'seq'] as const).filter(
      (field) => body[field] === undefined,
    );
    throw badRequest('invalid_request', `A playback report needs ${missing.join(', ')}`, {
      missing,
    });
  }
  return { event, positionSec, sessionId, seq };
}

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
