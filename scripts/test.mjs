// `npm test`: install, then lint, contract lint, type checks and every test suite.
import { ensureFfmpeg, pnpm, run, setup } from './setup.mjs';

const step = (name, fn) => {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  fn();
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

step('install', setup);
step('ffmpeg', ensureFfmpeg);
step('lint and format (biome)', () => run('npx', ['biome', 'check', '.']));
step('contract lint (redocly)', () => run('npx', ['redocly', 'lint', 'openapi/openapi.yaml']));
step('type check', () => pnpm('-r', 'typecheck'));
step('sdk tests', () => pnpm('--filter', '@reel/sdk', 'test'));
step('platform tests', () => pnpm('--filter', '@reel/platform', 'test'));
