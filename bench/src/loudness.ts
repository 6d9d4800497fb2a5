import { withMeasuredLoudness } from '@reel/platform/transcoding';
import { runBareFfmpeg, transcodeJobFor } from './bare-ffmpeg.js';
import { progress } from './progress.js';
import { interleave, median, round3 } from './stats.js';

/**
 * The ladder with EBU R128 normalisation (the measuring pass, then the ladder with loudnorm)
 * against the ladder alone: the same clip and the same ffmpeg command otherwise, run bare.
 */
export async function benchLoudness(clip: string, rounds: number) {
  const job = await transcodeJobFor(clip, '/unused');
  const pairs = await interleave(
    rounds,
    async (round) => {
      progress(`loudness round ${round}/${rounds}: the ladder alone`);
      return (await runBareFfmpeg(job)).wallSec;
    },
    async (round) => {
      progress(`loudness round ${round}/${rounds}: measure, then the ladder with loudnorm`);
      const start = performance.now();
      const normalised = await withMeasuredLoudness(job);
      const measureSec = (performance.now() - start) / 1000;
      return { measureSec, totalSec: measureSec + (await runBareFfmpeg(normalised)).wallSec };
    },
  );
  const ratios = pairs.map((p) => p.subject.totalSec / p.baseline);
  return {
    ratio: round3(median(ratios)),
    rounds: ratios.map(round3),
    figures: {
      loudness_ladder_alone_sec: round3(median(pairs.map((p) => p.baseline))),
      loudness_measure_pass_sec: round3(median(pairs.map((p) => p.subject.measureSec))),
      loudness_ladder_normalised_total_sec: round3(median(pairs.map((p) => p.subject.totalSec))),
    },
  };
}
