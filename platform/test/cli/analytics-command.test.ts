import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { reportsOf, writeScript } from '../support/analytics-simulator.js';
import { contractFetch } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
const video = { id: randomUUID(), durationSec: 100 };
const script = writeScript({
  seed: 31,
  viewers: 8,
  videos: [video],
  startsAround: Date.now() - 30 * 60_000,
  sessionPrefix: 'cli',
});

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay', 'analytics'] });
  owner = await harness.tenant();
  await harness.reel.ctx.database.db.insert(videos).values({
    id: video.id,
    tenantId: owner.tenantId,
    status: 'ready',
    title: 'Charted',
    durationSec: video.durationSec,
    originalKey: `raw-uploads/${video.id}/original`,
    publishedAt: new Date(),
  });
  for (const { session, body } of script.flatMap(reportsOf)) {
    await contractFetch(`${harness.url}/v1/videos/${session.videoId}/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': session.client.userAgent },
      body: JSON.stringify(body),
    });
  }
  await until('every session counted', async () => {
    const { metrics } = await owner.sdk.analytics.video(video.id, { metrics: ['views'] });
    return metrics.views === script.length;
  });
});
afterAll(() => harness?.stop());

const reel = (args: string[]) =>
  run(process.execPath, [CLI, ...args], {
    env: { ...process.env, REEL_API_URL: harness.url, REEL_API_KEY: owner.apiKey },
  });

describe('reel analytics', () => {
  it('prints the key figures, a sparkline of views a day and the retention curve', async () => {
    const { stdout } = await reel(['analytics', video.id, '--days', '7']);
    expect(stdout).toContain(`Video ${video.id}`);
    expect(stdout).toMatch(new RegExp(`views +${script.length}\\n`));
    expect(stdout).toMatch(/Views per day \(max \d+\)\n {2}[▁▂▃▄▅▆▇█]{7}\n/);
    expect(stdout).toContain('Retention');
    expect(stdout).toMatch(/100 % [┼┤]/);
  });

  it('--json prints the API answer with a 7-point daily series', async () => {
    const { stdout } = await reel(['analytics', video.id, '--days', '7', '--json']);
    const report = JSON.parse(stdout) as { series: unknown[]; metrics: { views: number } };
    expect(report.metrics.views).toBe(script.length);
    expect(report.series).toHaveLength(7);
  });

  it('refuses a bad --days with its usage', async () => {
    const failed = await reel(['analytics', video.id, '--days', '0']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('Usage: reel analytics');
  });
});
