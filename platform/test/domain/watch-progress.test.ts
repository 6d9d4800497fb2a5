import { describe, expect, it } from 'vitest';
import {
  isFinished,
  type PlaybackReport,
  progressAfter,
  reportOf,
  resumePosition,
  supersedes,
} from '../../src/domain/watch-progress.js';

const at = (sec: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, sec));
const report = (change: Partial<PlaybackReport>): PlaybackReport => ({
  event: 'heartbeat',
  positionSec: 30,
  sessionId: 'session-a',
  seq: 5,
  receivedAt: at(10),
  ...change,
});

describe('which report wins', () => {
  const held = { sessionId: 'session-a', seq: 5, receivedAt: at(10) };

  it('within a session, only a higher seq, whenever it arrives', () => {
    expect(supersedes(held, report({ seq: 6, receivedAt: at(5) }))).toBe(true);
    expect(supersedes(held, report({ seq: 5, receivedAt: at(20) }))).toBe(false);
    expect(supersedes(held, report({ seq: 4, receivedAt: at(20) }))).toBe(false);
  });

  it('another session only with a report received later than the one held', () => {
    expect(supersedes(held, report({ sessionId: 'session-b', seq: 0, receivedAt: at(11) }))).toBe(
      true,
    );
    expect(supersedes(held, report({ sessionId: 'session-b', seq: 999, receivedAt: at(9) }))).toBe(
      false,
    );
    expect(supersedes(held, report({ sessionId: 'session-b', seq: 0, receivedAt: at(10) }))).toBe(
      false,
    );
  });

  it('a removed entry (no session) loses to nothing received after it', () => {
    const removed = { sessionId: null, seq: null, receivedAt: at(10) };
    expect(supersedes(removed, report({ receivedAt: at(9) }))).toBe(false);
    expect(supersedes(removed, report({ receivedAt: at(11) }))).toBe(true);
  });
});

describe('finished and resume', () => {
  it('a complete report, or a stop in the last 5 % (10 s at least, half a short video at most)', () => {
    expect(isFinished('complete', 3, 100)).toBe(true);
    expect(isFinished('heartbeat', 89, 100)).toBe(false);
    expect(isFinished('heartbeat', 90, 100)).toBe(true);
    expect(isFinished('heartbeat', 3419, 3600)).toBe(false);
    expect(isFinished('heartbeat', 3420, 3600)).toBe(true);
    expect(isFinished('heartbeat', 4.9, 10)).toBe(false);
    expect(isFinished('heartbeat', 5, 10)).toBe(true);
    expect(isFinished('heartbeat', 1e6, null)).toBe(false);
  });

  it('never past the end; no resume once finished or at the very start', () => {
    expect(progressAfter(report({ positionSec: 500 }), 100)).toEqual({
      positionSec: 100,
      finished: true,
    });
    expect(progressAfter(report({ positionSec: 500 }), null)).toEqual({
      positionSec: 500,
      finished: false,
    });
    expect(resumePosition({ positionSec: 42, finished: false })).toBe(42);
    expect(resumePosition({ positionSec: 42, finished: true })).toBeUndefined();
    expect(resumePosition({ positionSec: 0, finished: false })).toBeUndefined();
    expect(resumePosition(undefined)).toBeUndefined();
  });
});

describe('reading a report from a body', () => {
  it('an empty body is a plain count', () => {
    expect(reportOf(undefined)).toBeUndefined();
    expect(reportOf({})).toBeUndefined();
  });

  it('a whole one is read as it is', () => {
    expect(
      reportOf({ event: 'start', position_sec: 1.5, session_id: 'session-a', seq: 0 }),
    ).toEqual({ event: 'start', positionSec: 1.5, sessionId: 'session-a', seq: 0 });
  });
});
