import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dir = join(tmpdir(), 'reel-test-clips');

const lavfiVideo = (size: string, seconds: number, rate = 25) => [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
];
const lavfiTone = (seconds: number) => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
];
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/** Matroska's Segment Duration element: ID 0x4489, an 8-byte float, in milliseconds here. */
const MKV_DURATION = Buffer.from([0x44, 0x89, 0x88]);

/** A small, slow (1 fps) Matroska clip of `seconds` whose header claims `claimedSec` instead. */
async function lyingMkv(out: string, seconds: number, claimedSec: number) {
  const honest = `${out}.honest.mkv`;
  await run('ffmpeg', [
    '-y',
    ...lavfiVideo('160x120', seconds, 1),
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=8000:duration=${seconds}`,
    ...h264,
    '-c:a',
    'aac',
    '-b:a',
    '16k',
    honest,
  ]);
  const bytes = await readFile(honest);
  const at = bytes.indexOf(MKV_DURATION);
  if (at < 0) throw new Error('no Duration element in the Matroska header');
  bytes.writeDoubleBE(claimedSec * 1000, at + MKV_DURATION.length);
  await writeFile(out, bytes);
}

/** An H.264 transport stream at `size`, its timestamps starting at `offsetSec`. */
const tsPart = (out: string, source: string, offsetSec: number) =>
  run('ffmpeg', [
    '-y',
    '-f',
    'lavfi',
    '-i',
    source,
    ...h264,
    '-f',
    'mpegts',
    '-output_ts_offset',
    String(offsetSec),
    out,
  ]);

/** The inputs real phones, editors and attackers produce, made with ffmpeg. */
const RECIPES: Record<string, (out: string) => Promise<unknown>> = {
  /** A camera clip: 16:9 with stereo audio. */
  'landscape.mp4': (out) =>
    run('ffmpeg', [
      '-y',
      ...lavfiVideo('1280x720', 5),
      ...lavfiTone(5),
      ...h264,
      '-c:a',
      'aac',
      '-shortest',
      out,
    ]),
  /** Long enough for a player to pass 5 s: two renditions and sound. */
  'eight-seconds.mp4': (out) =>
    run('ffmpeg', [
      '-y',
      ...lavfiVideo('640x360', 8),
      ...lavfiTone(8),
      ...h264,
      '-c:a',
      'aac',
      '-shortest',
      out,
    ]),
  /** Stereo tone at -30 LUFS integrated (the mono sine is -21.8 LUFS; -ac 2 spreads it at -3 dB a side). */
  'quiet-tone.mp4': (out) =>
    run('ffmpeg', [
      '-y',
      ...lavfiVideo('320x180', 4),
      ...lavfiTone(4),
      ...h264,
      '-af',
      'volume=-8.2dB',
      '-ac',
      '2',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-shortest',
      out,
    ]),
  /** A screen recording: no audio track. */
  'silent.mp4': (out) => run('ffmpeg', ['-y', ...lavfiVideo('640x360', 3), ...h264, out]),
  /** A phone held upright: stored landscape with a 90° display matrix. */
  'phone-portrait.mov': async (out) => {
    const plain = `${out}.plain.mp4`;
    await run('ffmpeg', [
      '-y',
      ...lavfiVideo('640x360', 3, 30),
      ...lavfiTone(3),
      ...h264,
      '-c:a',
      'aac',
      '-shortest',
      plain,
    ]);
    // The rotation tag only becomes a display matrix on a stream copy (ffmpeg 5).
    await run('ffmpeg', ['-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]);
  },
  /** An editor export with odd dimensions and a non-16:9 shape. */
  'odd-size.mkv': (out) => run('ffmpeg', ['-y', ...lavfiVideo('425x317', 2), ...h264, out]),
  /** Smaller than the lowest rung. */
  'tiny.mp4': (out) => run('ffmpeg', ['-y', ...lavfiVideo('176x144', 2), ...h264, out]),
  /** VP9 and Opus in WebM, as browsers record. */
  'browser.webm': (out) =>
    run('ffmpeg', [
      '-y',
      ...lavfiVideo('320x240', 2),
      ...lavfiTone(2),
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-c:a',
      'libopus',
      '-shortest',
      out,
    ]),
  /** Music, no picture. */
  'audio-only.m4a': (out) => run('ffmpeg', ['-y', ...lavfiTone(2), '-c:a', 'aac', out]),
  /** One frame of 8192x8192: a pixel bomb. */
  'pixel-bomb.mov': (out) =>
    run('ffmpeg', [
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:size=8192x8192:duration=0.04:rate=25',
      '-c:v',
      'png',
      '-frames:v',
      '1',
      out,
    ]),
  /** 60 s of frames behind a header that says 2 s: the duration cap must count the frames. */
  'lying-duration.mkv': (out) => lyingMkv(out, 60, 2),
  /** 3 s of frames behind a header that says 20 s. */
  'inflated-duration.mkv': (out) => lyingMkv(out, 3, 20),
  /** 320x240 in its first frames, which the probe reads, then 2048x2048 frames. */
  'growing-frames.ts': async (out) => {
    await tsPart(`${out}.small.ts`, 'testsrc2=size=320x240:rate=5:duration=2', 0);
    await tsPart(`${out}.big.ts`, 'color=c=red:size=2048x2048:rate=5:duration=2', 2);
    // Transport streams concatenate byte for byte; the second's new SPS changes the size.
    await writeFile(
      out,
      Buffer.concat([await readFile(`${out}.small.ts`), await readFile(`${out}.big.ts`)]),
    );
  },
  /** Not media at all. */
  'garbage.mp4': (out) =>
    writeFile(
      out,
      Buffer.from('this is not a video, just text pretending to be one\n'.repeat(200)),
    ),
  /** An HLS playlist pointing at a local file: must never be followed. */
  'playlist.mp4': (out) =>
    writeFile(
      out,
      '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n',
    ),
  /** The first half of an MP4 whose index (moov) sits at the end: cut off mid-upload. */
  'truncated.mp4': async (out) => {
    const whole = `${out}.whole.mp4`;
    await run('ffmpeg', ['-y', ...lavfiVideo('320x240', 3), ...h264, whole]);
    const bytes = await readFile(whole);
    await writeFile(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
  },
};

export type ClipName = keyof typeof RECIPES;

const made = new Map<string, Promise<string>>();

/** The path of a clip, made once per run. */
export function clip(name: ClipName): Promise<string> {
  let path = made.get(name);
  if (!path) {
    const out = join(dir, name);
    const recipe = RECIPES[name];
    if (!recipe) throw new Error(`no recipe for ${name}`);
    path = mkdir(dir, { recursive: true })
      .then(() => recipe(out))
      .then(() => out);
    made.set(name, path);
  }
  return path;
}
