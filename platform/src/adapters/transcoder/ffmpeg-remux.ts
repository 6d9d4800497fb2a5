import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RemuxJob } from '../../ports/transcoder.js';

const run = promisify(execFile);

/** Stream copy of each (Reel-made) fMP4 input into one MP4, its `moov` moved to the front. */
export async function remuxToMp4(ffmpeg: string, job: RemuxJob): Promise<void> {
  const inputs = job.inputs.flatMap((input) => ['-f', 'mp4', '-i', input]);
  const maps = job.inputs.flatMap((_, i) => ['-map', `${i}:${i === 0 ? 'v:0' : 'a:0'}`]);
  await run(
    ffmpeg,
    [
      ...['-v', 'error', '-nostdin', '-protocol_whitelist', 'file', ...inputs, ...maps],
      ...['-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', job.output],
    ],
    { timeout: job.timeoutSec * 1000, maxBuffer: 1024 * 1024 },
  );
}
