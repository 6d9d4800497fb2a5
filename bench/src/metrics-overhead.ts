import { benchCachedRead } from './cached-read.js';
import type { HttpComparison } from './http-compare.js';
import { progress } from './progress.js';
import { startReel } from './reel-process.js';
import type { Settings } from './settings.js';
import { round3 } from './stats.js';
import { publishClip } from './transcode.js';

/**
 * `cached_read_vs_bare` once more on a Reel started with `REEL_METRICS=false`: beside the
 * main run's figure (metrics on, the default) it gives what metrics cost a cached read.
 */
export async function benchMetricsOff(
  repoRoot: string,
  clip: string,
  settings: Settings,
  metricsOn: HttpComparison,
) {
  progress('starting reel dev with REEL_METRICS=false');
  const reel = await startReel(repoRoot, { env: { REEL_METRICS: 'false' } });
  try {
    const off = await benchCachedRead(
      reel,
      await publishClip(reel, clip, settings.clipSeconds),
      settings,
    );
    return {
      cached_read_vs_bare_metrics_on: metricsOn.ratio,
      cached_read_vs_bare_metrics_off: off.ratio,
      // Above 1: metrics cost that share of a cached read's throughput.
      metrics_overhead_cached_read: round3(off.ratio / metricsOn.ratio),
    };
  } finally {
    await reel.stop();
  }
}
