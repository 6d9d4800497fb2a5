import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dir = join(tmpdir(), 'reel-fingerprint-clips');
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

async function ffmpeg(out: string, args: string[]) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, out);
  await run('ffmpeg', ['-y', '-loglevel', 'error', ...args, path]);
  return path;
}

/** The clip a tenant blocks: 8 s of a zooming Mandelbrot set whose colours turn. */
export const blockedClip = () =>
  ffmpeg('blocked.mp4', [
    ...['-f', 'lavfi', '-i', 'mandelbrot=size=320x180:rate=25,hue=H=t', '-t', '8'],
    ...h264,
  ]);

/** What a re-uploader does to it, each made with ffmpeg from the blocked clip. */
export const VARIANTS: Record<string, (blocked: string) => string[]> = {
  'reencoded-crf40.mp4': (b) => ['-i', b, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '40'],
  'vp9.webm': (b) => [
    ...['-i', b, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '100k'],
  ],
  'half-size.mp4': (b) => ['-i', b, '-vf', 'scale=160:90', ...h264],
  'trimmed-2s.mp4': (b) => ['-ss', '2', '-i', b, ...h264],
  'trimmed-2.3s.mp4': (b) => ['-ss', '2.3', '-i', b, ...h264],
  'colour.mp4': (b) => ['-i', b, '-vf', 'eq=brightness=0.08:saturation=1.5:contrast=1.1', ...h264],
  'trimmed-half-size-crf35.mp4': (b) => [
    ...['-ss', '2', '-i', b, '-vf', 'scale=160:90,eq=brightness=0.05', ...h264, '-crf', '35'],
  ],
};

export const variantOf = (name: string, blocked: string) => {
  const recipe = VARIANTS[name];
  if (!recipe) throw new Error(`no variant ${name}`);
  return ffmpeg(`variant-${name}`, recipe(blocked));
};

const each = (n: number, source: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => source(i + 1));

/** 50 lavfi sources that show something else, 3 s of 160x90 each. */
export const UNRELATED_SOURCES: readonly string[] = [
  ...['testsrc2', 'testsrc', 'smptebars', 'smptehdbars', 'rgbtestsrc', 'yuvtestsrc']
    .concat(['pal75bars', 'pal100bars'])
    .flatMap((g) => [`${g}=size=160x90:rate=10`, `${g}=size=160x90:rate=25`]),
  ...each(6, (s) => `life=size=160x90:rate=10:seed=${s}:mold=${s * 5}`),
  ...[30, 90, 110, 126, 150, 18].map((rule) => `cellauto=size=160x90:rate=10:rule=${rule}`),
  ...each(
    6,
    (s) =>
      `mandelbrot=size=160x90:rate=10:start_x=${-0.7 + s * 0.05}:start_y=${s * 0.1}:start_scale=${s}`,
  ),
  ...each(6, (s) => `gradients=size=160x90:rate=10:seed=${s}:speed=0.0${s}`),
  ...each(6, (s) => `nullsrc=size=160x90:rate=10,noise=alls=${20 + s * 10}:allf=t+u:all_seed=${s}`),
  ...each(4, (s) => `testsrc2=size=160x90:rate=10,hue=H=${s}*t`),
];

export const UNRELATED_CLIP_SEC = 3;

/**
 * The 50 unrelated clips one after another in one file, each 3 s at one frame rate, so a single
 * transcode fingerprints them all: clip i is frames [6i, 6i + 6) of its fingerprint.
 */
export function unrelatedReel() {
  const inputs = UNRELATED_SOURCES.flatMap((source) => [
    ...['-f', 'lavfi', '-t', String(UNRELATED_CLIP_SEC), '-i', source],
  ]);
  const graph = UNRELATED_SOURCES.map((_, i) => `[${i}:v]fps=25,format=yuv420p[c${i}]`)
    .concat(
      `${UNRELATED_SOURCES.map((_, i) => `[c${i}]`).join('')}concat=n=${UNRELATED_SOURCES.length}[all]`,
    )
    .join(';');
  return ffmpeg('unrelated.mp4', [...inputs, '-filter_complex', graph, '-map', '[all]', ...h264]);
}
