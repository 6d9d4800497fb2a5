import { expect, test } from 'vitest';
import { BENCH_NAMES, parseSettings } from '../src/settings.js';

test('--only keeps the named benchmarks; without it every one runs', () => {
  expect([...parseSettings(['--only', 'bus,heartbeats']).only].sort()).toEqual([
    'bus',
    'heartbeats',
  ]);
  expect([...parseSettings([]).only]).toEqual([...BENCH_NAMES]);
  expect(parseSettings(['--services']).services).toBe(true);
  expect(parseSettings([]).services).toBe(false);
});

test('--only refuses names it does not know, empty lists and NUL bytes', () => {
  for (const raw of ['bogus', 'bus,', '', 'bus\u0000', 'transcode;rm -rf /'])
    expect(() => parseSettings(['--only', raw]), JSON.stringify(raw)).toThrow(/--only takes/);
});
