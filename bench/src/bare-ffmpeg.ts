import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegTranscoder, transcodeArgs } from '../../platform/src/adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from '../../platform/src/adapters/transcoder/ffmpeg-binaries.js';
import { loadConfig } from '../../platform/src/config.js';
import { chooseLadder } from '../../platform/src/domain/ladder.js';
import { checkSource, isRejection } from '../../platform/src/domain/media-checks.js';
import { planStoryboard } from '../../platform/src/domain/storyboard.js';
import type { TranscodeJob } from '../../platform/src/ports/transcoder.js';
import { cpuTimes, peakRssMiB } from './proc-stats.js';

// Copies of two private constants of platform/src/workers/transcode.ts. If they drift, the
// command-line check in transcode.ts (`same_command`) reports it.
const SEGMENT_SEC = 4;
const THUMBNAIL_WIDTHS = { small: 320, medium: 640, large: 1280 } as const;

function thumbnailSpecs(width: number, height: number) {
  return Object.entries(THUMBNAIL_WIDTHS).map(([size, wanted]) => {
    const w = Math.min(wanted, width - (width % 2));
    return { size, width: w, height: Math.max(2, 2 * Math.round((w * height) / width / 2)) };
  });
}

/** The job Reel's transcode worker builds for this input, from the same platform functions. */
export async function transcodeJobFor(input: string, outDir: string): Promise<TranscodeJob> {
  const limits = loadConfig({}).transcode;
  const source = checkSource(await new FfmpegTranscoder(findFfmpeg()).probe(input), limits);
  if (isRejection(source)) throw new Error(`the clip was rejected: ${source.message}`);
  return {
    input,
    demuxer: source.demuxer,
    outDir,
    ladder: chooseLadder(source.width, source.height),
    audio: source.hasAudio,
    segmentSec: SEGMENT_SEC,
    thumbnailAtSec: source.durationSec < 2 ? 0 : Math.min(source.durationSec / 2, 10),
    thumbnails: thumbnailSpecs(source.width, source.height),
    storyboard: planStoryboard(source.width, source.height, source.durationSec),
    maxPixels: limits.maxPixels,
    timeoutSec: limits.timeoutSec,
    maxOutputBytes: limits.maxOutputBytes,
  };
}

/** The argv fluent-ffmpeg builds from `transcodeArgs` (its order: inputs, -y, filter, outputs). */
export function ffmpegArgv(job: TranscodeJob): string[] {
  const args = transcodeArgs(job);
  return [
    ...args.inputOptions,
    '-i',
    job.input,
    '-y',
    '-filter_complex',
    args.filter,
    ...args.outputs.flatMap((o) => [...o.options, o.path]),
  ];
}

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

/** One bare ffmpeg run of the ladder command into a scratch folder; nothing else around it. */
export async function runBareFfmpeg(job: TranscodeJob): Promise<BareRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'reel-bench-ffmpeg-'));
  const bareJob = { ...job, outDir: join(outDir, 'out') };
  const argv = ffmpegArgv(bareJob);
  try {
    // Reel's adapter makes the folder before ffmpeg starts; so does the baseline.
    await mkdir(bareJob.outDir, { recursive: true });
    const before = cpuTimes('self').children;
    const start = performance.now();
    const child = spawn(findFfmpeg().ffmpeg, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
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
