import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from './reel-process.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Starts one of the bare baseline servers (a script beside this file) in its own process, like
 * Reel, and returns its base URL once it prints `listening URL`.
 */
export async function startBareProcess(script: string, args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    cwd: join(here, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return { child, url, stop: () => stopChild(child) };
}
