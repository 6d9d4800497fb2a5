import { describe, expect, it } from 'vitest';
import {
  analyticsViewerKey,
  MAX_REPORTS_PER_SESSION,
  mergeReports,
  playedAt,
  type SessionReport,
  sessionFigures,
  sessionRendition,
} from '../../src/domain/analytics-sessions.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (
  seq: number,
  positionSec: number,
  sec: number,
  event: SessionReport['event'] = 'heartbeat',
) => ({
  seq,
  event,
  positionSec,
  at: T0 + sec * 1000,
});

describe('playedAt', () => {
  const received = new Date(T0);
  it("believes the player's clock up to 24 h back, not ahead of Reel's", () => {
    expect(playedAt(received, new Date(T0 - 6 * 3600_000).toISOString())).toBe(T0 - 6 * 3600_000);
    expect(playedAt(received, new Date(T0 + 3600_000).toISOString())).toBe(T0);
    expect(playedAt(received, undefined)).toBe(T0);
    expect(playedAt(received, 'not a time')).toBe(T0);
  });
  it('drops a report played more than 24 h before it arrived', () => {
    expect(playedAt(received, new Date(T0 - 25 * 3600_000).toISOString())).toBeUndefined();
  });
});

describe('mergeReports', () => {
  it('keeps the first report of each seq, in seq order, however they arrive', () => {
    const merged = mergeReports([at(2, 20, 20)], [at(0, 0, 0), at(2, 99, 99), at(1, 10, 10)]);
    expect(merged.map((r) => [r.seq, r.positionSec])).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
    ]);
  });
  it('keeps no more than the cap however many a flood sends', () => {
    const flood = Array.from({ length: MAX_REPORTS_PER_SESSION + 50 }, (_, i) => at(i, 0, i));
    expect(mergeReports([], flood)).toHaveLength(MAX_REPORTS_PER_SESSION);
  });
});

describe('sessionFigures', () => {
  it('counts played steps, not pauses or seeks', () => {
    const figures = sessionFigures(
      [
        at(0, 0, 0, 'start'),
        at(1, 10, 10),
        at(2, 10, 70), // paused a minute
        at(3, 20, 80),
        at(4, 60, 81), // seek forward
        at(5, 65, 86),
        at(6, 30, 87), // seek back
        at(7, 40, 97),
      ],
      100,
      10,
    );
    expect(figures.watchTimeSec).toBe(35);
    expect(figures.engaged).toBe(true);
    expect(figures.completed).toBe(false);
    expect(figures.covered.slice(0, 20)).toBe('11111111111111111111');
    expect(figures.covered.slice(20, 30)).toBe('0000000000');
    expect(figures.covered.slice(30, 40)).toBe('1111111111');
    expect(figures.covered.slice(40, 60)).toBe('00000000000000000000');
    expect(figures.covered.slice(60, 65)).toBe('11111');
    expect([figures.startedAt, figures.endedAt]).toEqual([T0, T0 + 97_000]);
  });

  it('does not believe positions that run faster than the clock, or past the end', () => {
    const figures = sessionFigures([at(0, 0, 0), at(1, 14, 1), at(2, 1e6, 20)], 100, 10);
    expect(figures.watchTimeSec).toBe(0);
    expect(figures.engaged).toBe(false);
  });

  it('takes half of a short video as engaged and a complete report as completed', () => {
    const figures = sessionFigures([at(0, 0, 0), at(1, 4, 4), at(2, 8, 8, 'complete')], 8, 10);
    expect(figures.engaged).toBe(true);
    expect(figures.completed).toBe(true);
    expect(figures.covered).toBe('1'.repeat(100));
  });
});

describe('seeks with from_sec', () => {
  it('counts the play up to the position the seek left, then nothing for the jump', () => {
    const seekAt14 = { ...at(2, 50, 15), fromSec: 14 };
    const figures = sessionFigures([at(0, 0, 0), at(1, 10, 10), seekAt14, at(3, 60, 25)], 60, 10);
    expect(figures.watchTimeSec).toBe(24);
    expect(figures.covered.slice(0, 24)).toBe('1'.repeat(24));
    expect(figures.covered.slice(24, 84)).toBe('0'.repeat(60));
    // The same seek reported without it loses the 4 s before it.
    const blind = sessionFigures(
      [at(0, 0, 0), at(1, 10, 10), at(2, 50, 15), at(3, 60, 25)],
      60,
      10,
    );
    expect(blind.watchTimeSec).toBe(20);
  });
  it('counts a backward seek up to where it left', () => {
    const back = { ...at(2, 3, 16), fromSec: 15 };
    expect(
      sessionFigures([at(0, 0, 0), at(1, 10, 10), back, at(3, 13, 26)], 60, 10).watchTimeSec,
    ).toBe(25);
  });
  it('believes no from_sec that runs ahead of the clock, past the end or behind the last report', () => {
    const ahead = { ...at(1, 50, 2), fromSec: 14 };
    expect(sessionFigures([at(0, 0, 0), ahead], 60, 10).watchTimeSec).toBe(0);
    const pastEnd = { ...at(1, 0, 30), fromSec: 900 };
    expect(sessionFigures([at(0, 55, 0), pastEnd], 60, 10).watchTimeSec).toBe(5);
    const behind = { ...at(1, 40, 12), fromSec: 5 };
    expect(sessionFigures([at(0, 10, 0), behind], 60, 10).watchTimeSec).toBe(0);
  });
});

describe('sessionRendition', () => {
  it('is the last rendition the reports name in seq order, or none', () => {
    const r = (seq: number, rendition?: string) => ({
      ...at(seq, seq * 10, seq * 10),
      ...(rendition && { rendition }),
    });
    expect(sessionRendition([r(0, '360p'), r(1, '1080p'), r(2)])).toBe('1080p');
    expect(sessionRendition([r(0), r(1)])).toBe('');
  });
});

describe('analyticsViewerKey', () => {
  it('is the same viewer on any device, and hides the address', () => {
    expect(analyticsViewerKey({ viewerId: 'v1' })).toBe(analyticsViewerKey({ viewerId: 'v1' }));
    const anonymous = analyticsViewerKey({ ip: '8.8.8.8', userAgent: 'UA' });
    expect(anonymous).not.toContain('8.8.8.8');
    expect(anonymous).not.toBe(analyticsViewerKey({ ip: '8.8.4.4', userAgent: 'UA' }));
  });
});
