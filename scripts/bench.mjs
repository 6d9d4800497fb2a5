// `npm run bench [-- --quick --json]`: install, then the benchmarks; with --json, stdout holds
// only the one JSON line (set-up output goes to stderr).
import { ensureFfmpeg, PNPM, quietStdout, run, setup } from './setup.mjs';

const args = process.argv.slice(2);
if (args.includes('--json')) quietStdout();
setup();
ensureFfmpeg();
run('npx', ['--yes', PNPM, '--silent', '--filter', '@reel/bench', 'bench', ...args], {
  stdio: 'inherit',
});
