// `npm test`: install, then lint, contract lint, type checks and every test suite; ends with one
// line `N passed, N failed` summing every suite.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureFfmpeg, pnpm, run, setup } from './setup.mjs';

const results = resolve('.reel/test-results');
const totals = { passed: 0, failed: 0 };

const step = (name, fn) => {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    fn();
  } catch (error) {
    console.log(`✘ ${name}`);
    console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
    process.exit(typeof error.status === 'number' && error.status > 0 ? error.status : 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
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
    run('scripts/services/up', []);
    try {
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

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
step('install', setup);
step('ffmpeg', ensureFfmpeg);
step('lint and format (biome)', () => run('npx', ['biome', 'check', '--error-on-warnings', '.']));
step('import boundaries (dependency-cruiser)', () => run('npm', ['run', '-s', 'lint:boundaries']));
step('contract lint (redocly)', () => run('npx', ['redocly', 'lint', 'openapi/openapi.yaml']));
step('type check', () => pnpm('-r', 'typecheck'));
step('sdk tests', vitest('@reel/sdk'));
step('platform tests', vitest('@reel/platform'));
step('contract fuzzing (schemathesis against reel dev)', () =>
  run('node', ['scripts/fuzz-contract.mjs']),
);
step('player build', () => pnpm('--filter', '@reel/player', 'build'));
step('player tests (unit and Chromium)', vitest('@reel/player'));
step('uploader build', () => pnpm('--filter', '@reel/uploader', 'build'));
step('uploader tests (unit and Chromium)', vitest('@reel/uploader'));
step('video site example (two viewers in Chromium)', vitest('@reel/video-site'));
step('docs site (build, dead links, code samples)', vitest('@reel/docs'));
step('bench smoke test (quick run, JSON shape)', vitest('@reel/bench'));
step(
  'services tests (Redis, Kafka, OpenSearch, MinIO; the uploader in Chromium on MinIO)',
  withServices(
    vitest('@reel/platform', '-c', 'vitest.services.config.ts'),
    withEnv({ REEL_TEST_STORE: 's3' }, vitest('@reel/uploader', 'test/browser')),
  ),
);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
