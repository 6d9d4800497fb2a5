import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../../src/config.js';
import { freePort } from '../support/free-port.js';
import { type Harness, startHarness, TEST_SIGNING_SECRET, testEnv } from '../support/harness.js';
import { until } from '../support/polling.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
const MiB = 1024 * 1024;

/** The test run's database and data folder, with no signing secret. */
function envWithoutSecret(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { REEL_URL_SIGNING_SECRET: _unset, ...env } = { ...process.env, ...testEnv(extra) };
  return env;
}

/** Runs the CLI to its exit; a process still running after 30 s is killed (and fails). */
async function exitOf(args: string[], env: NodeJS.ProcessEnv) {
  try {
    await run(process.execPath, [CLI, ...args], { env, timeout: 30_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number | string; stderr: string };
    return { code, stderr };
  }
}

describe('a process that runs beside others needs the shared URL signing secret', () => {
  for (const args of [['serve'], ['worker', '--role', 'transcode']]) {
    it(`\`reel ${args.join(' ')}\` without REEL_URL_SIGNING_SECRET exits non-zero and says why`, async () => {
      const { code, stderr } = await exitOf(args, envWithoutSecret({ PORT: '0' }));
      expect(code).toBe(1);
      expect(stderr).toMatch(/REEL_URL_SIGNING_SECRET is not set/);
      expect(stderr).toMatch(/openssl rand -base64 32/);
    });
  }

  it('refuses a secret too short to be one', () => {
    expect(() => loadSharedConfig({ REEL_URL_SIGNING_SECRET: 'short' })).toThrow(
      /REEL_URL_SIGNING_SECRET must be at least 16 characters/,
    );
    expect(
      loadSharedConfig({ REEL_URL_SIGNING_SECRET: TEST_SIGNING_SECRET }).urlSigningSecret,
    ).toBe(TEST_SIGNING_SECRET);
  });
});

describe('replicas with the same secret take each other’s signed part URLs', () => {
  let harness: Harness;
  let replica: ChildProcess;
  let replicaUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    harness = await startHarness({ roles: ['relay'] });
    apiKey = (await harness.tenant()).apiKey;
    const port = await freePort();
    replicaUrl = `http://127.0.0.1:${port}`;
    replica = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, ...testEnv({ PORT: String(port) }) },
      stdio: 'ignore',
    });
    await until(
      'the `reel serve` replica answers',
      () =>
        fetch(`${replicaUrl}/healthz`)
          .then((r) => r.ok)
          .catch(() => false),
      60_000,
    );
  });
  afterAll(async () => {
    replica?.kill('SIGKILL');
    await harness?.stop();
  });

  const client = (baseUrl: string) => new Reel({ apiKey, baseUrl, maxRetries: 1 });

  for (const [signer, receiver] of [
    ['the harness', 'the replica'],
    ['the replica', 'the harness'],
  ] as const) {
    it(`a part URL ${signer} signed is accepted by ${receiver}`, async () => {
      const urls = { 'the harness': harness.url, 'the replica': replicaUrl };
      const bytes = randomBytes(MiB);
      const upload = await client(urls[signer]).uploads.create({
        filename: 'clip.mp4',
        size_bytes: bytes.length,
        mime: 'video/mp4',
      });
      const signed = new URL(upload.parts[0]?.url ?? '');
      const elsewhere = `${urls[receiver]}${signed.pathname}${signed.search}`;
      const answer = await fetch(elsewhere, { method: 'PUT', body: bytes });
      expect(answer.status).toBe(200);
      const listed = await client(urls[signer]).uploads.listParts(upload.upload_id).all();
      expect(listed.map((p) => [p.part_number, p.size_bytes])).toEqual([[1, MiB]]);
    });
  }
});
