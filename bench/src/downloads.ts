import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { remuxToMp4 } from '@reel/platform/transcoding';
import { runBareFfmpeg, transcodeJobFor } from './bare-ffmpeg.js';
import { progress } from './progress.js';
import { interleave, median, round3 } from './stats.js';

/** A rendition ffmpeg wrote, its init segment then its segments, as one local fMP4 file. */
async function joinTrack(outDir: string, renditionId: string, path: string) {
  const folder = join(outDir, renditionId);
  const playlist = await readFile(join(folder, 'index.m3u8'), 'utf8');
  const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist)?.[1];
  const segments = playlist.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const out = createWriteStream(path);
  for (const file of [...(map ? [map] : []), ...segments]) {
    await pipeline(createReadStream(join(folder, file.trim())), out, { end: false });
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

/**
 * The ladder and then MP4 downloads of every rendition (`mp4_support: all`, the most work: the
 * segments joined and remuxed with stream copy, as the downloads consumer does) against the
 * ladder alone: the same clip and ffmpeg command, run bare.
 */
export async function benchDownloads(clip: string, rounds: number) {
  const job = await transcodeJobFor(clip, '/unused');
  const pairs = await interleave(
    rounds,
    async (round) => {
      progress(`downloads round ${round}/${rounds}: the ladder alone`);
      return (await runBareFfmpeg(job)).wallSec;
    },
    async (round) => {
      progress(`downloads round ${round}/${rounds}: the ladder, then every rendition as an MP4`);
      let remuxSec = 0;
      const ladder = await runBareFfmpeg(job, async (outDir) => {
        const start = performance.now();
        for (const rung of job.ladder) {
          const inputs = [join(outDir, `${rung.id}.video.mp4`)];
          await joinTrack(outDir, rung.id, inputs[0] ?? '');
          if (job.audio) {
            inputs.push(join(outDir, `${rung.id}.audio.mp4`));
            await joinTrack(outDir, 'audio', inputs[1] ?? '');
          }
          const output = join(outDir, `${rung.id}.download.mp4`);
          await remuxToMp4({ inputs, output, timeoutSec: 300 });
        }
        remuxSec = (performance.now() - start) / 1000;
      });
      return { remuxSec, totalSec: ladder.wallSec + remuxSec };
    },
  );
  // The remux against the same round's ladder alone: the ladder's own noise on 2 shared cores
  // (±20 %) would hide a remux of a few percent.
  const ratios = pairs.map((p) => (p.baseline + p.subject.remuxSec) / p.baseline);
  return {
    ratio: round3(median(ratios)),
    rounds: ratios.map(round3),
    figures: {
      downloads_ladder_alone_sec: round3(median(pairs.map((p) => p.baseline))),
      downloads_remux_all_sec: round3(median(pairs.map((p) => p.subject.remuxSec))),
      downloads_ladder_then_remux_sec: round3(median(pairs.map((p) => p.subject.totalSec))),
      downloads_renditions: job.ladder.length,
    },
  };
}
