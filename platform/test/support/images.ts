import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dir = mkdtemp(join(tmpdir(), 'reel-images-'));

/**
 * A still image made by the real ffmpeg from a lavfi source; `filter` draws on it. The default
 * is a green field with red bands at the left and right edges, so a centred square crop holds
 * green only.
 */
export async function makeImage(
  name: string,
  options: { size: string; codec: 'mjpeg' | 'png' | 'libwebp'; filter?: string },
): Promise<Buffer> {
  const out = join(await dir, name);
  const [width = 0] = options.size.split('x').map(Number);
  const band = Math.floor(width / 8);
  const filter =
    options.filter ??
    `drawbox=x=0:y=0:w=${band}:h=ih:color=red:t=fill,drawbox=x=iw-${band}:y=0:w=${band}:h=ih:color=red:t=fill`;
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=green:size=${options.size}`,
    '-vf',
    filter,
    '-frames:v',
    '1',
    '-c:v',
    options.codec,
    '-f',
    'image2',
    out,
  ]);
  return readFile(out);
}

/** Width, height and codec of an image, as ffprobe reads them. */
export async function probeImage(bytes: Buffer) {
  const path = join(await dir, `probe-${randomUUID()}`);
  await writeFile(path, bytes);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path]);
  const stream = (
    JSON.parse(stdout) as { streams: { width: number; height: number; codec_name: string }[] }
  ).streams[0];
  return { width: stream?.width ?? 0, height: stream?.height ?? 0, codec: stream?.codec_name };
}

/** The RGB of every pixel of an image, decoded by ffmpeg. */
export async function decodeRgb(bytes: Buffer): Promise<Buffer> {
  const path = join(await dir, `rgb-${randomUUID()}`);
  await writeFile(path, bytes);
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
