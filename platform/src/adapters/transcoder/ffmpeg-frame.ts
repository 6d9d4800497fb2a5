import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FrameGrabJob } from '../../ports/transcoder.js';

const run = promisify(execFile);

/** The scale (and crop or pad) that puts the frame into the job's box. */
export function frameFilter(job: Pick<FrameGrabJob, 'width' | 'height' | 'fit'>): string {
  const { width: w, height: h } = job;
  switch (job.fit) {
    case 'fill':
      return `scale=${w}:${h}:flags=lanczos,setsar=1`;
    case 'cover':
      return `scale=${w}:${h}:force_original_aspect_ratio=increase:flags=lanczos,crop=${w}:${h},setsar=1`;
    case 'pad':
      return `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black,setsar=1`;
    default:
      return `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=lanczos,setsar=1`;
  }
}

/** Seeks in the (Reel-made) segment, decodes one frame and writes it as a JPEG. */
export async function grabFrame(ffmpeg: string, job: FrameGrabJob): Promise<void> {
  await run(
    ffmpeg,
    [
      ...['-v', 'error', '-nostdin', '-protocol_whitelist', 'file', '-f', 'mp4'],
      ...['-ss', job.offsetSec.toFixed(3), '-i', job.input],
      ...['-map', '0:v:0', '-frames:v', '1', '-vf', frameFilter(job)],
      ...['-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1', '-y', job.output],
    ],
    { timeout: job.timeoutSec * 1000, maxBuffer: 1024 * 1024 },
  );
}
