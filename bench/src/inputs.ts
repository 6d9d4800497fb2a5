import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { progress } from './progress.js';

const run = promisify(execFile);
/** Inputs are deterministic for their parameters, so later runs reuse them. */
const dir = join(tmpdir(), 'reel-bench-inputs');

/**
 * A camera-like clip: moving test pattern at 30 fps, H.264, stereo AAC. Made fast (ultrafast)
 * since only its decode, not its encode, is inside any measurement.
 */
export async function makeClip(seconds: number, width: number, height: number): Promise<string> {
  const out = join(dir, `clip-${width}x${height}-${seconds}s.mp4`);
  if (existsSync(out)) return out;
  await mkdir(dir, { recursive: true });
  progress(`generating a ${seconds} s ${width}x${height} clip with audio`);
  const partial = `${out}.partial.mp4`;
  await run('ffmpeg', [
    '-y',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=30:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-shortest',
    partial,
  ]);
  await rename(partial, out);
  return out;
}

/** Random bytes: incompressible, so no layer can take a shortcut on them. */
export async function makeUploadFile(bytes: number): Promise<string> {
  const out = join(dir, `upload-${bytes}.bin`);
  if (existsSync(out)) return out;
  await mkdir(dir, { recursive: true });
  progress(`generating a ${Math.round(bytes / 1024 / 1024)} MiB upload file`);
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  const chunk = 4 * 1024 * 1024;
  for (let written = 0; written < bytes; written += chunk) {
    const ok = stream.write(randomBytes(Math.min(chunk, bytes - written)));
    if (!ok) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  await rename(partial, out);
  return out;
}
