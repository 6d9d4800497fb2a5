// `npm test`: install, then lint, contract lint, type checks and every test suite; ends with one
// line `N passed, N failed` summing every suite. The suites run in two lanes at once (a 2-core
// machine waits on ffmpeg, Chromium and Postgres much of the time); `npm test -- --serial` runs
// them one after another. `node scripts/test.mjs --lane NAME` runs one lane alone.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureFfmpeg, pnpm, run, setup } from './setup.mjs';

const results = resolve('.reel/test-results');
const totals = { passed: 0, failed: 0 };

/** Runs one named step; false when it failed (its output says why). */
const step = (name, fn) => {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    fn();
  } catch (error) {
    console.log(`✘ ${name}${typeof error.status === 'number' ? ` (exit ${error.status})` : ''}`);
    return false;
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return true;
};

/** Runs a package's vitest suite (extra args: a config) and adds its counts to the totals. */
const vitest =
  (pkg, ...args) =>
  () => {
    const out = join(
      results,
      `${pkg.replace(/\W+/g, '-')}${args.join('').replace(/\W+/g, '-')}.json`,
    );
    try {
      pnpm(
        '--filter',
        pkg,
        'exec',
        'vitest',
        'run',
        ...args,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${out}`,
      );
    } finally {
      try {
        const report = JSON.parse(readFileSync(out, 'utf8'));
        totals.passed += report.numPassedTests;
        totals.failed += report.numFailedTests;
      } catch {
        // no report: the suite did not start; the step fails with its own error
      }
    }
  };

/** The real Redis, Kafka, OpenSearch and MinIO, up for these suites and down after, pass or fail. */
const withServices =
  (...suites) =>
  () => {
    try {
      // Inside the try: an `up` that fails half-way still has what it started stopped.
      run('scripts/services/up', []);
      for (const suite of suites) suite();
    } finally {
      run('scripts/services/down', []);
    }
  };

/** Runs a suite with extra environment variables. */
const withEnv = (env, fn) => () => {
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    fn();
  } finally {
    for (const key of Object.keys(env)) {
      if (before[key] === undefined) delete process.env[key];
      else process.env[key] = before[key];
    }
  }
};

const CHECKS = [
  ['install', setup],
  ['ffmpeg', ensureFfmpeg],
  ['lint and format (biome)', () => run('npx', ['biome', 'check', '--error-on-warnings', '.'])],
  ['import boundaries (dependency-cruiser)', () => run('npm', ['run', '-s', 'lint:boundaries'])],
  ['contract lint (redocly)', () => run('npx', ['redocly', 'lint', 'openapi/openapi.yaml'])],
  ['type check', () => pnpm('-r', 'typecheck')],
  ['sdk tests', vitest('@reel/sdk')],
  // Built before the lanes: both lanes' Chromium suites load these bundles.
  ['player build', () => pnpm('--filter', '@reel/player', 'build')],
  ['uploader build', () => pnpm('--filter', '@reel/uploader', 'build')],
];

/** Each lane's steps run in order; the lanes are about equally long (about 25 minutes each). */
const LANES = {
  platform: [
    ['platform tests', vitest('@reel/platform')],
    ['player tests (unit and Chromium)', vitest('@reel/player')],
    ['uploader tests (unit and Chromium)', vitest('@reel/uploader')],
    ['video site example (two viewers in Chromium)', vitest('@reel/video-site')],
    ['docs site (build, dead links, code samples)', vitest('@reel/docs')],
  ],
  services: [
    [
      'contract fuzzing (schemathesis against reel dev)',
      () => run('node', ['scripts/fuzz-contract.mjs']),
    ],
    [
      'services tests (Redis, Kafka, OpenSearch, MinIO; the uploader in Chromium on MinIO)',
      withServices(
        vitest('@reel/platform', '-c', 'vitest.services.config.ts'),
        withEnv({ REEL_TEST_STORE: 's3' }, vitest('@reel/uploader', 'test/browser')),
      ),
    ],
    ['bench smoke test (quick run, JSON shape)', vitest('@reel/bench')],
  ],
};

/** Runs steps in order, stopping at the first that fails; true when all passed. */
const runSteps = (steps) => steps.every(([name, fn]) => step(name, fn));

/** One lane in a child process, each output line prefixed with the lane's name. */
function spawnLane(name) {
  const child = spawn(process.execPath, [process.argv[1], '--lane', name], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  return new Promise((done) => child.on('close', (code) => done(code === 0)));
}

const laneTotals = (name) => join(results, `lane-${name}.totals.json`);
const args = process.argv.slice(2);
const lane = args.includes('--lane') ? args[args.indexOf('--lane') + 1] : undefined;

if (lane) {
  const ok = runSteps(LANES[lane] ?? []);
  writeFileSync(laneTotals(lane), JSON.stringify(totals));
  process.exit(ok && LANES[lane] ? 0 : 1);
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let ok = runSteps(CHECKS);
if (ok && args.includes('--serial')) {
  ok = runSteps(Object.values(LANES).flat());
} else if (ok) {
  const started = Date.now();
  const passed = await Promise.all(Object.keys(LANES).map(spawnLane));
  ok = passed.every(Boolean);
  for (const name of Object.keys(LANES)) {
    try {
      const counted = JSON.parse(readFileSync(laneTotals(name), 'utf8'));
      totals.passed += counted.passed;
      totals.failed += counted.failed;
    } catch {
      ok = false; // the lane died before it could count
    }
  }
  console.log(`\nlanes: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
