import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';
import { readHls } from '../support/hls-reader.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
let harness: Harness;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  harness = await startHarness();
  const { apiKey } = await harness.tenant();
  env = { ...process.env, REEL_API_URL: harness.url, REEL_API_KEY: apiKey };
});
afterAll(() => harness?.stop());

async function reel(args: string[], environment = env) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('reel upload', () => {
  it('--wait --json prints one line with a playable manifest URL', async () => {
    const result = await reel([
      'upload',
      await clip('landscape.mp4'),
      '--title',
      'From the CLI',
      '--wait',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as Record<string, string | null>;
    expect(Object.keys(line).sort()).toEqual(['error', 'manifest_url', 'status', 'video_id']);
    expect(line).toMatchObject({ status: 'ready', error: null });
    const hls = await readHls(line.manifest_url ?? '');
    expect(hls.variants.length).toBe(4);
  });

  it('--wait off a terminal prints the encoding progress as rising lines up to 100%', async () => {
    const result = await reel(['upload', await clip('landscape.mp4'), '--wait']);
    expect(result.code).toBe(0);
    const percents = [...result.stderr.matchAll(/^encoding (\d+)%$/gm)].map((m) => Number(m[1]));
    expect(percents.at(-1)).toBe(100);
    expect(percents[0]).toBeLessThan(100);
    for (let i = 1; i < percents.length; i++) {
      expect(percents[i]).toBeGreaterThan(percents[i - 1] ?? 0);
    }
    expect(result.stdout).toMatch(/ is ready/);
  });

  it('reports a failed video with its reason and exit code 1', async () => {
    const result = await reel(['upload', await clip('garbage.mp4'), '--wait', '--json']);
    expect(result.code).toBe(1);
    const line = JSON.parse(result.stdout.trim()) as Record<string, string | null>;
    expect(line.status).toBe('failed');
    expect(line.manifest_url).toBeNull();
    expect(line.error).toMatch(/^unreadable_media: /);
  });

  it('says how to get credentials when it has none', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'reel-nocreds-'));
    const { REEL_API_KEY: _k, REEL_API_URL: _u, ...rest } = env;
    const result = await reel(['upload', await clip('tiny.mp4')], {
      ...rest,
      REEL_DATA_DIR: empty,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REEL_API_KEY');
  });

  it('refuses a file that does not exist, clearly', async () => {
    const result = await reel(['upload', '/nonexistent/clip.mp4', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no such file');
  });
});
