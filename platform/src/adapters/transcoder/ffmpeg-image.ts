import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type ImageResizeJob, UnreadableMediaError } from '../../ports/transcoder.js';

const run = promisify(execFile);

/** What a client may send, by the demuxer that reads it. */
const IMAGE_NAMES: Record<string, string> = {
  jpeg_pipe: 'JPEG',
  png_pipe: 'PNG',
  webp_pipe: 'WebP',
};
const IMAGE_DEMUXERS = Object.keys(IMAGE_NAMES).join(',');

interface ImageProbe {
  format?: { format_name?: string };
  streams?: { codec_type?: string; width?: number; height?: number }[];
}

const invalid = (message: string) => new UnreadableMediaError('invalid_image', message);

/** The last line ffmpeg said, without the server's own paths. */
const lastLine = (error: unknown, input: string) =>
  ((error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? '').replaceAll(
    `${input}: `,
    '',
  );

/** Reads the image's header only: its type and its declared size, nothing decoded. */
async function probeImage(ffprobe: string, job: ImageResizeJob) {
  let json: ImageProbe;
  try {
    const { stdout } = await run(
      ffprobe,
      [
        '-v',
        'error',
        '-protocol_whitelist',
        'file',
        '-format_whitelist',
        IMAGE_DEMUXERS,
        '-show_format',
        '-show_streams',
        '-of',
        'json',
        job.input,
      ],
      { timeout: job.timeoutSec * 1000, maxBuffer: 1024 * 1024 },
    );
    json = JSON.parse(stdout) as ImageProbe;
  } catch (error) {
    const detail = lastLine(error, job.input);
    throw invalid(`The body is not a JPEG, PNG or WebP image${detail ? ` (${detail})` : ''}`);
  }
  const found = json.format?.format_name ?? '';
  const wanted = IMAGE_NAMES[job.demuxer] ?? job.demuxer;
  if (found !== job.demuxer) {
    throw invalid(`The body is ${IMAGE_NAMES[found] ?? 'another format'}, not ${wanted}`);
  }
  const stream = json.streams?.find((s) => s.codec_type === 'video');
  return { width: stream?.width ?? 0, height: stream?.height ?? 0 };
}

/** The filter graph: a centred square, scaled to each output's side. */
function squareFilter(sides: readonly number[]) {
  const labels = sides.map((_, i) => `[c${i}]`).join('');
  const scaled = sides.map((side, i) => `[c${i}]scale=${side}:${side}:flags=lanczos[o${i}]`);
  return [
    `[0:v:0]crop=w=min(iw\\,ih):h=min(iw\\,ih),split=${sides.length}${labels}`,
    ...scaled,
  ].join(';');
}

/**
 * Probes, checks the declared size against the limit, then decodes once into every output.
 * Any decoder complaint fails the run (`-xerror`, `-err_detect explode`): a truncated image
 * is refused, not stored half grey.
 */
export async function resizeImage(
  bins: { ffmpeg: string; ffprobe: string },
  job: ImageResizeJob,
): Promise<void> {
  const { width, height } = await probeImage(bins.ffprobe, job);
  if (width <= 0 || height <= 0) throw invalid('The image has no pixels to read');
  if (width * height > job.maxPixels) {
    throw new UnreadableMediaError(
      'image_too_large',
      `The image is ${width} × ${height}, over the limit of ${job.maxPixels} pixels`,
    );
  }
  const outputs = job.outputs.flatMap((output, i) => [
    '-map',
    `[o${i}]`,
    '-frames:v',
    '1',
    '-c:v',
    'libwebp',
    '-quality',
    '82',
    '-y',
    output.path,
  ]);
  try {
    await run(
      bins.ffmpeg,
      [
        '-v',
        'error',
        '-nostdin',
        '-protocol_whitelist',
        'file',
        '-format_whitelist',
        job.demuxer,
        '-f',
        job.demuxer,
        '-err_detect',
        'explode',
        '-xerror',
        '-max_pixels',
        String(job.maxPixels),
        '-i',
        job.input,
        '-filter_complex',
        squareFilter(job.outputs.map((o) => o.side)),
        ...outputs,
      ],
      { timeout: job.timeoutSec * 1000, maxBuffer: 1024 * 1024 },
    );
  } catch (error) {
    const detail = lastLine(error, job.input);
    throw invalid(`The image cannot be read to its end${detail ? ` (${detail})` : ''}`);
  }
}
