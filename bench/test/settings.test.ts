import { expect, test } from 'vitest';
import { parseSettings, runs } from '../src/settings.js';

test('--only runs the named benchmarks and no others', () => {
  const settings = parseSettings(['--quick', '--only', 'cached_read, manifest_signed']);
  expect(runs(settings, 'cached_read')).toBe(true);
  expect(runs(settings, 'manifest_signed')).toBe(true);
  expect(runs(settings, 'manifest')).toBe(false);
  expect(runs(settings, 'transcode')).toBe(false);
});

test('without --only every benchmark runs', () => {
  const settings = parseSettings(['--quick']);
  expect(runs(settings, 'transcode')).toBe(true);
  expect(runs(settings, 'upload_bare_put')).toBe(true);
  expect(runs(settings, 'heartbeats')).toBe(true);
});

test('--services adds the services block; it is off unless asked', () => {
  expect(parseSettings(['--services']).services).toBe(true);
  expect(parseSettings([]).services).toBe(false);
});

test('--only refuses names it does not know, empty lists and NUL bytes', () => {
  for (const only of ['cached', 'manifest,', '', 'upload\u0000', 'likes;rm -rf'])
    expect(() => parseSettings(['--only', only])).toThrow(/--only takes names from/);
});
