import { describe, expect, it } from 'vitest';
import { newestPartAt, sessionOrphaned, staleAfterMs } from '../../src/domain/live-heartbeat.js';
import { newRenditionIndex, withPart } from '../../src/domain/live-playlists.js';

const part = (takenAt: Date) => ({
  session: 's1',
  takenAt,
  duration: 1 / 3,
  independent: true,
});

describe('a live session’s heartbeat', () => {
  const start = new Date('2026-12-01T18:00:00.000Z');
  const at = (ms: number) => new Date(start.getTime() + ms);
  const low = [1, 2, 3].reduce(
    (index, n) => withPart(index, part(at(n * 333))),
    newRenditionIndex('low'),
  );

  it('is the newest part stored, and none for an index without parts', () => {
    expect(newestPartAt(low)?.getTime()).toBeCloseTo(at(999).getTime(), -1);
    expect(newestPartAt(newRenditionIndex('low'))).toBeNull();
    expect(newestPartAt(null)).toBeNull();
  });

  it('orphans a session only once three segments (4 s at least) passed without a sign of life', () => {
    expect(staleAfterMs(low)).toBe(4000);
    expect(staleAfterMs(newRenditionIndex('standard'))).toBe(12_000);
    expect(sessionOrphaned(start, low, at(999 + 3900))).toBe(false);
    expect(sessionOrphaned(start, low, at(999 + 4100))).toBe(true);
    // A stream just moved to active has no parts yet: the move is its sign of life.
    expect(sessionOrphaned(at(60_000), low, at(62_000))).toBe(false);
    expect(sessionOrphaned(start, null, at(11_000))).toBe(false);
    expect(sessionOrphaned(start, null, at(13_000))).toBe(true);
  });
});
