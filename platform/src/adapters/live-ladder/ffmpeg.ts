import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveBitrate } from '../../domain/live-media-keys.js';
import type { FinishedPart, LiveLadder } from '../../ports/live-ingest.js';

const FRAME_RATE = 30;
/** How long ffmpeg has to finish its last part on a stop. */
const KILL_AFTER_MS = 2000;
/** ffmpeg gives up an input that sent nothing for this long (microseconds). */
const INPUT_TIMEOUT_US = '3000000';
/**
 * How much of the input ffmpeg reads to learn its tracks before it starts (microseconds). Its
 * default, 5 s, held every start: ffmpeg's RTMP reader always says there is sound, so it looked
 * 5 s for a sound track in a publisher without one, and a track announced but never sent held
 * every packet back (12 s and more in the test). The ingest read the tracks off the
 * publisher's metadata, headers and first frames already.
 */
const ANALYZE_US = '500000';
/** How often the ladder looks for finished parts: well under a part's third of a second. */
const POLL_MS = 40;

const bitrate = (height: number) => `${Math.round(liveBitrate(height) / 1000)}k`;
/** The publisher's audio, as AAC-LC in every rendition. */
const AUDIO_CODEC = ['-c:a', 'aac', '-b:a', '96k'];

/**
 * The live ladder on ffmpeg: one decode, one x264 encode per height (never above the input),
 * cut by the HLS muxer into fMP4 files of one part each, every part starting on a key frame.
 * With audio, each rendition carries its own AAC copy of it, muxed into the same parts.
 * ffmpeg rewrites each rendition's playlist when a part is finished, so a part is handed on
 * once that playlist lists it.
 */
export function ffmpegLiveLadder(ffmpegPath: string): LiveLadder {
  return {
    start(options) {
      const names = options.heights.map((h) => `${h}p`);
      const gop = Math.round(options.keyFrameSeconds * FRAME_RATE);
      const filters = [
        `[0:v]split=${names.length}${names.map((_, i) => `[s${i}]`).join('')}`,
        ...options.heights.map((h, i) => `[s${i}]scale=-2:'min(${h},ih)'[v${i}]`),
        // The sound may start after the picture (the input's first second or so); silence from
        // 0 fills that gap, or each fMP4 part would date its sound from 0 and play it early.
        ...(options.audio
          ? [
              `[0:a]aresample=48000:async=1:first_pts=0,aformat=channel_layouts=stereo,asplit=${names.length}${names.map((_, i) => `[a${i}]`).join('')}`,
            ]
          : []),
      ].join(';');
      let stopped = false;
      const dir = mkdtemp(join(tmpdir(), 'reel-live-'));
      const run = dir.then(async (out) => {
        const ffmpeg = spawn(
          ffmpegPath,
          [
            ...['-hide_banner', '-loglevel', 'error', '-fflags', 'nobuffer', '-flags', 'low_delay'],
            ...['-analyzeduration', ANALYZE_US, '-rw_timeout', INPUT_TIMEOUT_US],
            ...['-i', options.input, '-filter_complex', filters],
            ...names.flatMap((_, i) => [
              '-map',
              `[v${i}]`,
              ...(options.audio ? ['-map', `[a${i}]`] : []),
            ]),
            ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency'],
            ...['-r', String(FRAME_RATE), '-g', String(gop), '-keyint_min', String(gop)],
            ...['-sc_threshold', '0'],
            ...options.heights.flatMap((h, i) => [`-b:v:${i}`, bitrate(h)]),
            ...(options.audio ? AUDIO_CODEC : []),
            ...['-f', 'hls', '-hls_time', String(options.partSeconds), '-hls_list_size', '8'],
            ...['-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments+temp_file'],
            ...['-hls_fmp4_init_filename', 'init.mp4'],
            ...['-hls_segment_filename', join(out, '%v', 'p%d.m4s')],
            ...['-var_stream_map', streamMap(names, options.audio)],
            join(out, '%v', 'index.m3u8'),
          ],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        ffmpeg.stderr.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString()).slice(-2000);
        });
        const exited = new Promise<void>((resolve) => ffmpeg.once('close', () => resolve()));
        const handed = new Set<string>();
        const handOn = async () => {
          for (const [i, rendition] of names.entries()) {
            const playlist = await readFile(join(out, rendition, 'index.m3u8'), 'utf8').catch(
              () => '',
            );
            for (const entry of listedParts(playlist)) {
              const path = join(out, rendition, entry.file);
              if (handed.has(path)) continue;
              handed.add(path);
              const part: FinishedPart = {
                rendition,
                initPath: join(out, rendition, `init_${i}.mp4`),
                path,
                duration: entry.duration,
                independent: true,
              };
              await options.onPart(part);
              await rm(path, { force: true });
            }
          }
        };
        stopRun = () => {
          ffmpeg.kill('SIGINT');
          // SIGINT lets it finish the part it is on; one stuck reading a gone input is killed.
          setTimeout(() => ffmpeg.kill('SIGKILL'), KILL_AFTER_MS).unref();
        };
        if (stopped) stopRun();
        // Until ffmpeg has exited, so the part it finishes on a stop is handed on too.
        while (ffmpeg.exitCode === null && ffmpeg.signalCode === null) {
          await handOn().catch(options.onError);
          await Promise.race([exited, new Promise((r) => setTimeout(r, POLL_MS))]);
        }
        await exited;
        await handOn().catch(options.onError);
        if (ffmpeg.exitCode && !stopped && stderr) options.onError(new Error(stderr.trim()));
        await rm(out, { recursive: true, force: true });
      });
      let stopRun = () => {};
      return {
        done: run.catch(options.onError),
        stop() {
          stopped = true;
          stopRun();
        },
      };
    },
  };
}

/** One variant per rendition: its video, and its copy of the audio when there is one. */
function streamMap(names: readonly string[], audio: boolean) {
  return names.map((n, i) => `v:${i},${audio ? `a:${i},` : ''}name:${n}`).join(' ');
}

/** The parts an ffmpeg HLS playlist lists, oldest first. */
function listedParts(playlist: string) {
  const parts: { file: string; duration: number }[] = [];
  const lines = playlist.split('\n');
  lines.forEach((line, i) => {
    const match = /^#EXTINF:([\d.]+)/.exec(line);
    const file = lines[i + 1]?.trim();
    if (match?.[1] && file && !file.startsWith('#')) {
      parts.push({ file, duration: Number(match[1]) });
    }
  });
  return parts;
}
