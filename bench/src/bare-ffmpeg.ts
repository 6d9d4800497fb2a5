import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ffmpegArgv,
  ffmpegBinaries,
  type TranscodeJob,
  transcodeJobFor,
} from '@reel/platform/transcoding';
import { cpuTimes, peakRssMiB } from './proc-stats.js';

export { transcodeJobFor };

/** Stands the paths of one run in for placeholders, so two runs' command lines compare. */
export function normalizeCommand(line: string, input: string, outDir: string): string {
  return line.split(input).join('<input>').split(outDir).join('<out>');
}

export interface BareRun {
  wallSec: number;
  cpuSec: number;
  peakRssMiB: number;
  commandLine: string;
}

/**
 * One bare ffmpeg run of the ladder command into a scratch folder; nothing else around it.
 * `afterLadder` sees the outputs before the folder goes, untimed.
 */
export async function runBareFfmpeg(
  job: TranscodeJob,
  afterLadder?: (outDir: string) => Promise<void>,
): Promise<BareRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'reel-bench-ffmpeg-'));
  const bareJob = { ...job, outDir: join(outDir, 'out') };
  const argv = ffmpegArgv(bareJob);
  try {
    // Reel's adapter makes the folder before ffmpeg starts; so does the baseline.
    await mkdir(bareJob.outDir, { recursive: true });
    const before = cpuTimes('self').children;
    const start = performance.now();
    const child = spawn(ffmpegBinaries().ffmpeg, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    // VmHWM only grows, so the last reading before exit is (close to) the peak.
    const watch = setInterval(() => {
      peak = Math.max(peak, child.pid ? (peakRssMiB(child.pid) ?? 0) : 0);
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const wallSec = (performance.now() - start) / 1000;
    clearInterval(watch);
    if (code !== 0) throw new Error(`bare ffmpeg failed (${code}): ${stderr}`);
    await afterLadder?.(bareJob.outDir);
    return {
      wallSec,
      cpuSec: cpuTimes('self').children - before,
      peakRssMiB: peak,
      commandLine: normalizeCommand(`ffmpeg ${argv.join(' ')}`, bareJob.input, bareJob.outDir),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
