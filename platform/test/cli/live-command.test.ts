import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLiveStream } from '../../src/cli/live.js';
import { hashStreamKey } from '../../src/domain/stream-keys.js';
import { type Harness, startHarness } from '../support/harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
let harness: Harness;
let owner: Awaited<ReturnType<Harness['tenant']>>;

beforeAll(async () => {
  harness = await startHarness({ roles: [], env: { REEL_LIVE_SRT_PORT: '9710' } });
  owner = await harness.tenant();
});
afterAll(() => harness?.stop());

const reel = (args: string[]) =>
  run(process.execPath, [CLI, ...args], {
    env: { ...process.env, REEL_API_URL: harness.url, REEL_API_KEY: owner.apiKey },
  });

describe('reel live create', () => {
  it('prints the RTMP URL, the key that opens the stream and an ffmpeg command', async () => {
    const { stdout } = await reel(['live', 'create', '--title', 'From the CLI']);
    const key = /stream key\s+(reel_live_\S+)/.exec(stdout)?.[1] ?? '';
    const id = /Live stream ([0-9a-f-]{36})/.exec(stdout)?.[1] ?? '';
    const stream = await owner.sdk.liveStreams.get(id);
    expect(stream).toMatchObject({ title: 'From the CLI', latency: 'low', status: 'idle' });
    expect(stdout).toContain(`RTMP URL     ${stream.rtmp_url}`);
    expect(stdout).toContain(`-f flv "${stream.rtmp_url}/${key}"`);
    expect(stream.srt_url).toBe('srt://127.0.0.1:9710');
    expect(stdout).toContain(`SRT URL      ${stream.srt_url}?streamid=${key}`);
    expect(stdout).toContain(`-f mpegts "${stream.srt_url}?streamid=${key}"`);
    // Without SRT, no SRT line.
    expect(
      renderLiveStream({ ...stream, stream_key: key, srt_url: null }, harness.url),
    ).not.toMatch(/SRT|mpegts/);
    const [row] = await harness.reel.ctx.database.db.query.liveStreams.findMany({
      where: (t, { eq }) => eq(t.id, id),
    });
    expect(row?.streamKeyHash).toBe(hashStreamKey(key));
  });

  it('refuses a missing title or an unknown latency with the usage', async () => {
    for (const args of [
      ['live', 'create'],
      ['live', 'create', '--title', 'x', '--latency', 'ultra'],
    ]) {
      const failed = await reel(args).then(
        () => expect.fail(`${args.join(' ')} succeeded`),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('Usage: reel live create');
    }
  });
});
