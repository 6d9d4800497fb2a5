import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const RATIOS = [
  'transcode_vs_ffmpeg',
  'first_playable_vs_ffmpeg',
  'loudness_vs_ladder',
  'downloads_vs_ladder',
  'first_playable_vs_ffmpeg_30s',
  'first_playable_vs_ffmpeg_120s',
  'cached_read_vs_bare',
  'manifest_vs_bare',
  'manifest_signed_vs_bare',
  'upload_vs_raw',
  'upload_vs_bare_put',
  'likes_vs_bare_insert',
  'comments_page_vs_bare_sql',
];

// A smoke test of the whole quick JSON path at the smallest sizes: it checks the shape of the
// output, never the numbers (benchmarks are not timed assertions).
test('--quick --json prints one line with every ratio, each a number or null with a reason', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main.ts',
      '--quick',
      '--json',
      '--rounds',
      '1',
      '--clip-seconds',
      '2',
      '--clip-size',
      '640x360',
      '--upload-mb',
      '6',
      '--http-seconds',
      '1',
      '--bus-events',
      '50',
      '--likes',
      '100',
      '--comments',
      '500',
      '--comment-reads',
      '20',
    ],
    { cwd: benchDir, maxBuffer: 16 * 1024 * 1024, timeout: 230_000 },
  );
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const report = JSON.parse(lines[0] ?? '') as {
    ratios: Record<string, unknown>;
    figures: Record<string, unknown> & { null_reasons: Record<string, unknown> };
  };
  expect(Object.keys(report.ratios).sort()).toEqual([...RATIOS].sort());
  for (const key of RATIOS) {
    const value = report.ratios[key];
    if (value === null) {
      expect(typeof report.figures.null_reasons[key], `reason for ${key}`).toBe('string');
    } else {
      expect(typeof value, key).toBe('number');
      expect(Number.isFinite(value), key).toBe(true);
      expect(value as number, key).toBeGreaterThan(0);
    }
  }
  expect(report.figures.transcode_same_command).toBe(true);
  expect(report.figures.services_mode).toMatch(/^(not )?available/);
  for (const key of [
    'peak_rss_mib_reel_node',
    'bus_consumed_events_per_s',
    'heartbeats_applied_per_s',
    'analytics_heartbeats_per_s',
    'likes_reel_per_s',
    'comments_page_reel_p95_ms',
    'transcode_cpu_cores_bare_ffmpeg',
    'first_playable_sec_10s',
    'first_playable_sec_120s',
    'first_frame_ms',
  ])
    expect(typeof report.figures[key], key).toBe('number');
});
