// Installs what Reel needs from a fresh clone: dependencies (frozen lockfile) and the SDK build.
// Plain Node on purpose: it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const PNPM = `pnpm@${JSON.parse(readFileSync('package.json', 'utf8')).packageManager.split('@')[1]}`;

/** Where set-up output goes: stdout, or stderr when stdout must stay clean (bench --json). */
let output = 'inherit';
export const quietStdout = () => {
  output = ['inherit', 2, 2];
};

export function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: output, ...options });
}

export function pnpm(...args) {
  run('npx', ['--yes', PNPM, ...args]);
}

export function hasCommand(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** ffmpeg from the system when we may install it; else the platform falls back to npm binaries. */
export function ensureFfmpeg() {
  if (hasCommand('ffmpeg') && hasCommand('ffprobe')) return;
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    console.log('Installing ffmpeg (Debian package)…');
    run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null',
    ]);
  } else {
    console.log(
      'ffmpeg is not on PATH: using the binary shipped by @ffmpeg-installer (older; install ffmpeg for best results).',
    );
  }
}

export function setup() {
  pnpm('install', '--frozen-lockfile', '--reporter=silent');
  pnpm('--filter', '@reel/sdk', 'build');
}

if (import.meta.url === `file://${process.argv[1]}`) setup();
