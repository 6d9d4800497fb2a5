import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from 'fluent-ffmpeg';
import { AUDIO_KBPS } from '../../domain/ladder.js';
import type { MediaProbe } from '../../domain/media-checks.js';
import {
  type EncodeProgress,
  type FrameGrabJob,
  type ImageResizeJob,
  type RemuxJob,
  type TranscodeJob,
  type Transcoder,
  UnreadableMediaError,
} from '../../ports/transcoder.js';
import { grabFrame } from './ffmpeg-frame.js';
import { resizeImage } from './ffmpeg-image.js';
import { loudnessFilter, measureLoudness } from './ffmpeg-loudness.js';
import { remuxToMp4 } from './ffmpeg-remux.js';

const run = promisify(execFile);

/** Reading every packet of a 20 GiB upload to its end takes minutes on a slow disk, not hours. */
const MEASURE_TIMEOUT_MS = 30 * 60_000;

/** Every demuxer an upload may be read with; playlist and concat demuxers are not among them. */
const FORMAT_WHITELIST = 'mov,matroska,avi,mpegts,flv,mpeg,ogg,asf,mxf';

interface ProbeJson {
  format?: { format_name?: string; duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    duration?: string;
    avg_frame_rate?: string;
    disposition?: { attached_pic?: number };
    tags?: { rotate?: string };
    side_data_list?: { rotation?: number }[];
  }[];
}

/** ffprobe's "30000/1001" as a number; "0/0" (none declared) as null. */
function frameRate(ratio: string | undefined): number | null {
  const [num, den] = (ratio ?? '').split('/').map(Number);
  if (!num || !den || !Number.isFinite(num / den)) return null;
  return Math.round((num / den) * 1000) / 1000;
}

/**
 * The seconds the streams a transcode maps really span, read packet by packet to the end of
 * the file without decoding: a container's duration header is whatever its writer claims.
 */
async function measurePacketSpan(ffmpegPath: string, input: string): Promise<number | null> {
  const { stdout } = await run(
    ffmpegPath,
    [
      '-v',
      'error',
      '-nostdin',
      '-protocol_whitelist',
      'file',
      '-format_whitelist',
      FORMAT_WHITELIST,
      '-i',
      input,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c',
      'copy',
      '-f',
      'null',
      '-progress',
      'pipe:1',
      '-nostats',
      '-',
    ],
    { timeout: MEASURE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
  );
  const last = [...stdout.matchAll(/^out_time=(\d+):(\d+):(\d+(?:\.\d+)?)$/gm)].at(-1);
  return last ? Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]) : null;
}

/** The seconds the longest media playlist under `outDir` holds: what would be published. */
async function publishedSeconds(outDir: string): Promise<number> {
  let longest = 0;
  for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== 'index.m3u8') continue;
    const playlist = await readFile(join(entry.parentPath, entry.name), 'utf8');
    let total = 0;
    for (const match of playlist.matchAll(/^#EXTINF:(\d+(?:\.\d+)?)/gm)) total += Number(match[1]);
    longest = Math.max(longest, total);
  }
  return longest;
}

/**
 * How far past the checked duration a run may decode: one segment, for streams that end a
 * little apart. Anything beyond means the file holds more than it was checked for.
 */
const decodeLimitSec = (job: TranscodeJob) =>
  job.storyboard.intervalSec * job.storyboard.tiles + job.segmentSec;

/** How every run of a job reads its input: only the probed demuxer, never past the limit. */
const inputOptionsOf = (job: TranscodeJob) => [
  '-protocol_whitelist',
  'file',
  '-format_whitelist',
  FORMAT_WHITELIST,
  '-f',
  job.demuxer,
  '-max_pixels',
  String(job.maxPixels),
  // Never decode past the limit, whatever the file holds; the run then fails as too long.
  '-t',
  String(decodeLimitSec(job) + job.segmentSec),
];

/** The ffmpeg arguments for one job: decode once, every rendition, thumbnails, storyboard. */
export function transcodeArgs(job: TranscodeJob): {
  inputOptions: string[];
  filter: string;
  outputs: { path: string; options: string[] }[];
} {
  const n = job.ladder.length;
  const branches = n + 3;
  const labels = Array.from({ length: branches }, (_, i) => `[s${i}]`).join('');
  const parts = [`[0:v:0]split=${branches}${labels}`];
  job.ladder.forEach((rung, i) => {
    parts.push(
      `[s${i}]scale=${rung.width}:${rung.height}:flags=bicubic,setsar=1,format=yuv420p[v${i}]`,
    );
  });
  const thumbs = job.thumbnails.length;
  const thumbLabels = job.thumbnails.map((_, i) => `[t${i}]`).join('');
  parts.push(
    `[s${n}]trim=start=${job.thumbnailAtSec.toFixed(3)},setpts=PTS-STARTPTS,split=${thumbs}${thumbLabels}`,
  );
  job.thumbnails.forEach((t, i) => {
    parts.push(`[t${i}]scale=${t.width}:${t.height}[th${i}]`);
  });
  const sb = job.storyboard;
  parts.push(
    `[s${n + 1}]fps=1/${sb.intervalSec},scale=${sb.tileWidth}:${sb.tileHeight},tile=${sb.columns}x${sb.rows}[sb]`,
  );
  const fp = job.fingerprint;
  parts.push(`[s${n + 2}]fps=${fp.fps},scale=${fp.side}:${fp.side}:flags=area,format=gray[fp]`);

  const video = job.ladder.flatMap((rung, i) => [
    '-map',
    `[v${i}]`,
    `-b:v:${i}`,
    `${rung.videoKbps}k`,
    `-maxrate:v:${i}`,
    `${Math.round(rung.videoKbps * 1.1)}k`,
    `-bufsize:v:${i}`,
    `${rung.videoKbps * 2}k`,
  ]);
  if (job.audio && job.loudness) parts.push(`[0:a:0]${loudnessFilter(job.loudness)}[an]`);
  const audioIn = job.loudness ? '[an]' : '0:a:0';
  const audio = job.audio
    ? ['-map', audioIn, '-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2']
    : [];
  const streamMap = [
    ...job.ladder.map((rung, i) => `v:${i},${job.audio ? 'agroup:aud,' : ''}name:${rung.id}`),
    ...(job.audio ? ['a:0,agroup:aud,name:audio'] : []),
    // Tabs, not spaces: fluent-ffmpeg splits an option value holding exactly one space in two.
  ].join('\t');
  const first = job.firstSegmentSec;
  // Key frames at 0, at the first segment's end, then a segment apart: ffmpeg cuts an EVENT
  // playlist's segments at every key frame once `hls_init_time` has passed.
  const keyframes = `expr:if(lt(t,${first * 1.5}),gte(t,n_forced*${first}),gte(t,${first}+${job.segmentSec}*(n_forced-1)))`;
  const hls = [
    ...video,
    ...audio,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    // Keyframes on the same timestamps in every rendition, so players switch cleanly.
    '-force_key_frames',
    keyframes,
    '-sc_threshold',
    '0',
    '-f',
    'hls',
    '-hls_time',
    String(job.segmentSec),
    '-hls_init_time',
    String(first),
    // EVENT: each media playlist is rewritten as a segment is finished (VOD writes them at
    // the end only); temp_file renames segments and playlists into place whole.
    '-hls_playlist_type',
    'event',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    'independent_segments+temp_file',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(job.outDir, '%v', 'seg_%05d.m4s'),
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    streamMap,
  ];
  return {
    inputOptions: inputOptionsOf(job),
    filter: parts.join(';'),
    outputs: [
      { path: join(job.outDir, '%v', 'index.m3u8'), options: hls },
      ...job.thumbnails.map((t, i) => ({
        path: join(job.outDir, `thumb_${t.size}.jpg`),
        options: ['-map', `[th${i}]`, '-frames:v', '1', '-q:v', '3', '-update', '1'],
      })),
      {
        path: join(job.outDir, 'storyboard.jpg'),
        options: ['-map', '[sb]', '-frames:v', '1', '-q:v', '5', '-update', '1'],
      },
      {
        path: join(job.outDir, 'fingerprint.gray'),
        options: ['-map', '[fp]', '-f', 'rawvideo'],
      },
    ],
  };
}

async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      total += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** The caps, on what the run really wrote rather than on what the input's header said. */
async function checkOutputs(job: TranscodeJob): Promise<void> {
  const size = await treeSize(job.outDir);
  if (size > job.maxOutputBytes) {
    throw new UnreadableMediaError(
      'output_too_large',
      `The output grew past ${job.maxOutputBytes} bytes`,
    );
  }
  if ((await publishedSeconds(job.outDir)) > decodeLimitSec(job)) {
    const checked = job.storyboard.intervalSec * job.storyboard.tiles;
    throw new UnreadableMediaError(
      'too_long',
      `The video decodes to more than the ${checked} s it was checked at`,
    );
  }
}

export class FfmpegTranscoder implements Transcoder {
  readonly name = 'ffmpeg';

  constructor(
    private readonly bins: { ffmpeg: string; ffprobe: string },
    private readonly printCommands = false,
  ) {}

  async probe(input: string): Promise<MediaProbe> {
    let json: ProbeJson;
    try {
      const { stdout } = await run(
        this.bins.ffprobe,
        [
          '-v',
          'error',
          '-protocol_whitelist',
          'file',
          '-format_whitelist',
          FORMAT_WHITELIST,
          '-show_format',
          '-show_streams',
          '-of',
          'json',
          input,
        ],
        { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      );
      json = JSON.parse(stdout) as ProbeJson;
    } catch (error) {
      // The last line says why; the server's own paths are no business of the tenant's.
      const detail = (
        (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? ''
      ).replaceAll(`${input}: `, '');
      throw new UnreadableMediaError(
        'unreadable_media',
        `The file is not a readable video${detail ? ` (${detail})` : ''}`,
      );
    }
    const streams = json.streams ?? [];
    const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    const audio = streams.find((s) => s.codec_type === 'audio');
    const rotation = Number(
      v?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? v?.tags?.rotate ?? 0,
    );
    const claimed = Number(json.format?.duration ?? v?.duration ?? Number.NaN);
    const span = v ? await this.packetSpan(input) : null;
    // The packets are the truth; the header only stands in for a lone frame that spans nothing.
    const duration = span !== null && span > 0 ? span : claimed;
    return {
      formatName: json.format?.format_name ?? '',
      durationSec: Number.isFinite(duration) ? duration : null,
      video: v
        ? {
            codec: v.codec_name ?? '',
            width: v.width ?? 0,
            height: v.height ?? 0,
            rotation,
            fps: frameRate(v.avg_frame_rate),
          }
        : null,
      hasAudio: audio !== undefined,
      audioCodec: audio?.codec_name ?? null,
    };
  }

  private async packetSpan(input: string): Promise<number | null> {
    try {
      return await measurePacketSpan(this.bins.ffmpeg, input);
    } catch {
      throw new UnreadableMediaError(
        'unreadable_media',
        'The file is not a readable video (its packets cannot be read to the end)',
      );
    }
  }

  measureLoudness(job: TranscodeJob) {
    return measureLoudness(this.bins.ffmpeg, inputOptionsOf(job), job.input, job.timeoutSec);
  }

  resizeImage(job: ImageResizeJob): Promise<void> {
    return resizeImage(this.bins, job);
  }

  grabFrame(job: FrameGrabJob): Promise<void> {
    return grabFrame(this.bins.ffmpeg, job);
  }

  remuxToMp4(job: RemuxJob): Promise<void> {
    return remuxToMp4(this.bins.ffmpeg, job);
  }

  async transcode(
    job: TranscodeJob,
    onProgress?: (progress: EncodeProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    signal?.throwIfAborted();
    await mkdir(job.outDir, { recursive: true });
    const startedAt = performance.now();
    const args = transcodeArgs(job);
    const command = ffmpeg(job.input)
      .setFfmpegPath(this.bins.ffmpeg)
      .inputOptions(args.inputOptions)
      .complexFilter(args.filter);
    for (const output of args.outputs) command.output(output.path).outputOptions(output.options);

    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(sizeWatch);
        command.kill('SIGKILL');
        reject(error);
      };
      signal?.addEventListener('abort', () => fail(signal.reason as Error), { once: true });
      const timer = setTimeout(
        () =>
          fail(
            new UnreadableMediaError(
              'transcode_timeout',
              `Transcoding took over ${job.timeoutSec} s`,
            ),
          ),
        job.timeoutSec * 1000,
      );
      const sizeWatch = setInterval(() => {
        void treeSize(job.outDir).then((size) => {
          if (size > job.maxOutputBytes) {
            fail(
              new UnreadableMediaError(
                'output_too_large',
                `The output grew past ${job.maxOutputBytes} bytes`,
              ),
            );
          }
        });
      }, 2000);
      command
        .on('start', (line: string) => this.printCommands && console.error(line))
        .on('stderr', (line: string) => {
          // The decoder refuses such frames, but the run would go on without them.
          if (/exceeds specified max pixel count/.test(line)) {
            fail(
              new UnreadableMediaError(
                'too_many_pixels',
                `A frame inside the video is over the limit of ${job.maxPixels} pixels`,
              ),
            );
          }
        })
        .on('progress', (p: { timemark?: string }) => {
          const [h, m, s] = (p.timemark ?? '0:0:0').split(':').map(Number);
          const done = (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
          const wallSec = (performance.now() - startedAt) / 1000;
          onProgress?.({
            fraction: Math.min(
              1,
              done / Math.max(1, job.storyboard.intervalSec * job.storyboard.tiles),
            ),
            // fluent-ffmpeg does not pass ffmpeg's `speed=` on; this is the same ratio.
            speed: wallSec > 0 ? done / wallSec : 0,
          });
        })
        .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
          const tail = (stderr ?? '')
            .split('\n')
            .filter((l) => /error|invalid|fail|unable|cannot|no such/i.test(l))
            .slice(-4)
            .join(' | ');
          fail(new Error(`ffmpeg failed: ${error.message}${tail ? ` (${tail})` : ''}`));
        })
        .on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearInterval(sizeWatch);
          resolve();
        })
        .run();
    });
    await checkOutputs(job);
  }
}
