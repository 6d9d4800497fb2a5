import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError, VARIABLES } from '../../src/config-variables.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
const OPERATIONS = fileURLToPath(new URL('../../../docs/operations.md', import.meta.url));

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('configuration is checked at start', () => {
  it.each([
    ['REEL_MAX_UPLOAD_BYTES', 'lots', /expected number/],
    ['REEL_MAX_UPLOAD_BYTES', '-5', /too small/i],
    ['REEL_JOB_MAX_ATTEMPTS', '1.5', /int/],
    ['PORT', '70000', /too big/i],
    ['REEL_WEBHOOK_ALLOW_LOOPBACK', 'perhaps', /boolean|expected/i],
    ['LOG_LEVEL', 'loud', /expected one of/i],
    ['REEL_TRUSTED_PROXIES', '10.0.0.0/99', /CIDR/],
    ['REEL_TRUSTED_PROXIES', '127.0.0.1,proxy.local', /CIDR/],
    ['REDIS_URL', 'not a url', /url/i],
    ['REEL_LIVE_SRT_PORT', '70000', /too big/i],
    ['REEL_LIVE_SRT_PUBLIC_URL', 'rtmp://host:1935', /invalid/i],
  ])('%s=%s is refused, naming the variable and the value', (name, value, why) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name}:`);
    expect(problems[0]).toContain(`"${value}"`);
    expect(problems[0]).toMatch(why);
  });

  it('lists every wrong variable at once', () => {
    expect(problemsOf({ PORT: 'x', REEL_MAX_PIXELS: '0', REEL_JOB_LEASE_SEC: '2.5' })).toHaveLength(
      3,
    );
  });

  it('reads an empty variable as unset, and gives the defaults', () => {
    const config = loadConfig({ PORT: '', REDIS_URL: '' });
    expect(config.port).toBe(4000);
    expect(config.services.redisUrl).toBeUndefined();
    expect(config.transcode.maxAttempts).toBe(3);
  });

  it('takes SRT only with a port, and names its URL', () => {
    expect(loadConfig({}).live).toMatchObject({ srtPort: null, srtUrl: null });
    expect(loadConfig({ REEL_LIVE_SRT_PORT: '0' }).live).toMatchObject({
      srtPort: null,
      srtUrl: null,
    });
    expect(loadConfig({ REEL_LIVE_SRT_PORT: '9710', HOST: '0.0.0.0' }).live).toMatchObject({
      srtPort: 9710,
      srtUrl: 'srt://127.0.0.1:9710',
    });
    const behind = {
      REEL_LIVE_SRT_PORT: '9710',
      REEL_LIVE_SRT_PUBLIC_URL: 'srt://live.example.com:6001',
    };
    expect(loadConfig(behind).live.srtUrl).toBe('srt://live.example.com:6001');
  });

  it('`reel serve` with a bad value exits 1 and says which variable', async () => {
    const failed = await run(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, REEL_URL_SIGNING_SECRET: 'a-long-enough-secret', PORT: 'eighty' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('PORT: ');
    expect(failed.stderr).toContain('"eighty"');
  });

  it('docs/operations.md documents every variable', () => {
    const docs = readFileSync(OPERATIONS, 'utf8');
    const missing = Object.keys(VARIABLES.shape).filter((name) => !docs.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
