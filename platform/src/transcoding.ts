/**
 * The platform's transcoding as a public entry point (`@reel/platform/transcoding`): what the
 * transcode role would run for a file, for benchmarks that time the same ffmpeg run bare.
 */
import { FfmpegTranscoder, transcodeArgs } from './adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from './adapters/transcoder/ffmpeg-binaries.js';
import { loadConfig } from './config.js';
import { checkSource, isRejection } from './domain/media-checks.js';
import { planTranscode } from './domain/transcode-plan.js';
import type { RemuxJob, TranscodeJob } from './ports/transcoder.js';

export type { TranscodeJob };

/** The ffmpeg and ffprobe the platform runs with this environment. */
export const ffmpegBinaries = (env: NodeJS.ProcessEnv = process.env) =>
  findFfmpeg(loadConfig(env).transcode);

/** The job the transcode role builds for `input`, with the default limits. */
export async function transcodeJobFor(input: string, outDir: string): Promise<TranscodeJob> {
  const limits = loadConfig(process.env).transcode;
  const probe = await new FfmpegTranscoder(ffmpegBinaries()).probe(input);
  const source = checkSource(probe, limits);
  if (isRejection(source)) throw new Error(`the clip was rejected: ${source.message}`);
  return planTranscode(source, { input, outDir }, limits);
}

/** The job with the audio's measured loudness, as a video with `normalize_audio` gets it. */
export async function withMeasuredLoudness(job: TranscodeJob): Promise<TranscodeJob> {
  const loudness = await new FfmpegTranscoder(ffmpegBinaries()).measureLoudness(job);
  return loudness ? { ...job, loudness } : job;
}

/** The downloads consumer's stream copy of fMP4 tracks into one MP4 (`mp4_support`). */
export const remuxToMp4 = (job: RemuxJob) => new FfmpegTranscoder(ffmpegBinaries()).remuxToMp4(job);

/** The argv fluent-ffmpeg builds from the job (its order: inputs, -y, filter, outputs). */
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
