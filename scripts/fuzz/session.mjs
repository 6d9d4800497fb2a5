// One fuzzing session (started by scripts/fuzz-contract.mjs): a fresh `reel dev` on free ports
// with its own data dir, Schemathesis over the whole contract against it, then /healthz.
// Prints `fuzz: N cases, N failures` last and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signViewerToken } from '../../packages/sdk-node/dist/index.js';

const [st, ...extraArgs] = process.argv.slice(2);
const SEED = 20260311;
// With 140 operations, 300 took 16 minutes beside the platform lane on two cores and held the
// whole of npm test at 30; REEL_FUZZ_MAX_EXAMPLES overrides it for a deeper run.
const MAX_EXAMPLES = process.env.REEL_FUZZ_MAX_EXAMPLES ?? '200';
const results = resolve('.reel/test-results/fuzz');

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

/** Polls `probe` until it returns a value; fails at the deadline or if `alive()` turns false. */
async function until(what, probe, alive, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (!alive()) throw new Error(`reel dev exited while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((next) => setTimeout(next, 250));
  }
}

const exitOf = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });

const health = (url) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status);

mkdirSync(results, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'reel-fuzz-'));
// Run as root, embedded Postgres drops to another user, who must reach its folder.
chmodSync(dataDir, 0o755);
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const operatorToken = `reel_op_${randomBytes(32).toString('base64url')}`;
const log = openSync(join(results, 'reel-dev.log'), 'w');
const reel = spawn(process.execPath, ['platform/bin/reel.mjs', 'dev'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    REEL_DATA_DIR: dataDir,
    REEL_SERVICES_ENV: '',
    REEL_EMBEDDED_PG_PORT: String(await freePort()),
    REEL_OPERATOR_TOKEN: operatorToken,
    // The fuzzer is one client sending as fast as it can; the rate-limit suite tests 429s.
    REEL_RATE_LIMIT_PER_KEY: '1000000',
    REEL_RATE_LIMIT_PER_IP: '1000000',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', log, log],
});
const alive = () => reel.exitCode === null && reel.signalCode === null;

let failures = 1;
let cases = 0;
let healthAfter = 'not asked';
try {
  const apiKey = await until(
    'reel dev to be ready',
    async () =>
      (await health(url)) === 200 ? readJson(join(dataDir, 'dev.json'))?.apiKey : undefined,
    alive,
    120_000,
  );
  const created = await fetch(`${url}/v1/signing-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (created.status !== 201) throw new Error(`creating a signing key answered ${created.status}`);
  const signingKey = await created.json();
  const asTenant = { headers: { authorization: `Bearer ${apiKey}` } };
  const asOperator = { headers: { authorization: `Bearer ${operatorToken}` } };
  const keys = await (await fetch(`${url}/v1/api-keys`, asTenant)).json();
  const tenants = await (await fetch(`${url}/v1/tenants`, asOperator)).json();
  const keep = [
    ...keys.data.map((k) => k.key_id),
    ...tenants.data.map((t) => t.tenant_id),
    signingKey.key_id,
  ];
  const viewerToken = await signViewerToken(
    { keyId: signingKey.key_id, privateKey: signingKey.private_key },
    { viewerId: 'fuzz-viewer', scopes: ['comment', 'like'], expiresIn: '1d' },
  );

  const args = [
    '--config-file',
    'scripts/fuzz/schemathesis.toml',
    'run',
    'openapi/bundled/openapi.json',
    '--url',
    url,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--seed',
    String(SEED),
    '--max-examples',
    MAX_EXAMPLES,
    '--workers',
    '2',
    '--report',
    'junit,ndjson',
    '--report-junit-path',
    join(results, 'junit.xml'),
    '--report-ndjson-path',
    join(results, 'events.ndjson'),
    '--no-color',
    ...extraArgs,
  ];
  console.log(`$ st ${args.join(' ')}`);
  const fuzzer = spawn(st, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      REEL_FUZZ_API_KEY: apiKey,
      REEL_FUZZ_OPERATOR_TOKEN: operatorToken,
      REEL_FUZZ_VIEWER_TOKEN: viewerToken,
      REEL_FUZZ_KEEP_IDS: keep.join(','),
      // Hypothesis keeps caches beside the cwd otherwise.
      HYPOTHESIS_STORAGE_DIRECTORY: resolve('.reel/hypothesis'),
    },
  });
  let output = '';
  fuzzer.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk;
  });
  const code = await exitOf(fuzzer);
  // The summary's own figures: `N generated, …` and `N failures, …` on its closing line.
  cases = Number(/(\d+) generated/.exec(output)?.[1] ?? 0);
  const found = Number(/=+ (\d+) failures?/.exec(output)?.[1] ?? 0);
  failures = code === 0 ? found : Math.max(1, found);

  // Whatever the fuzzer sent, the server must still be up and healthy.
  healthAfter = alive() ? await health(url).catch((e) => `no answer (${e.message})`) : 'exited';
  if (healthAfter !== 200) {
    console.log(`✘ /healthz after fuzzing: ${healthAfter}`);
    failures += 1;
  }
} catch (error) {
  console.log(`✘ ${error.message}`);
} finally {
  if (alive()) {
    reel.kill('SIGTERM');
    const stopped = await Promise.race([
      exitOf(reel),
      new Promise((done) => setTimeout(() => done('timeout'), 15_000)),
    ]);
    if (stopped === 'timeout') reel.kill('SIGKILL');
    // A clean stop is part of surviving the fuzzer: no crash on the way out either.
    if (stopped !== 0) {
      console.log(`✘ reel dev stopped with ${stopped} after SIGTERM`);
      failures += 1;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures > 0)
  console.log(`Server log: ${join(results, 'reel-dev.log')}; reports in ${results}`);
console.log(`fuzz: ${cases} cases, ${failures} failures (/healthz after: ${healthAfter})`);
process.exit(failures > 0 ? 1 : 0);
