// `npm run example:video-site`: installs what is missing, starts Reel on the embedded defaults
// (`reel dev`), then the site, which seeds a few channels on its first start; prints the URL.
// Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
process.chdir(repoRoot);
// After the chdir: the set-up reads the root package.json.
const { ensureFfmpeg, pnpm, setup } = await import('../../scripts/setup.mjs');

setup();
const built = [
  'packages/player/dist/cdn/reel-player.js',
  'packages/uploader/dist/cdn/reel-uploader.js',
];
if (!built.every((file) => existsSync(file)))
  pnpm('--filter', '@reel/player', '--filter', '@reel/uploader', 'build');
ensureFfmpeg();

const reelPort = process.env.REEL_PORT ?? '4000';
const sitePort = process.env.SITE_PORT ?? '4180';
const dataDir = resolve(process.env.REEL_DATA_DIR ?? '.reel');
const children = [];

/** Runs `node script`, echoing its output, and resolves once it prints `readyText`. */
function start(name, script, args, env, readyText) {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.once('exit', (code) => {
    console.log(`${name} stopped (${code ?? 'signal'}).`);
    stopAll(code ?? 1);
  });
  return new Promise((ready) => {
    const echo = (chunk) => {
      process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
      if (chunk.toString().includes(readyText)) ready();
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
  });
}

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

await start(
  'reel',
  'platform/bin/reel.mjs',
  ['dev'],
  { PORT: reelPort, REEL_DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  'Reel is ready on',
);
const { apiUrl, apiKey } = JSON.parse(readFileSync(join(dataDir, 'dev.json'), 'utf8'));
await start(
  'site',
  'examples/video-site/server.mjs',
  [],
  { PORT: sitePort, REEL_API_URL: apiUrl, REEL_API_KEY: apiKey },
  'Video site on',
);
console.log(`
  ReelTube is on http://127.0.0.1:${sitePort}/
  Sign in with any username; ada, grace and linus have videos. Ctrl-C stops it.
`);
