import { benchCachedRead } from './cached-read.js';
import type { HttpComparison } from './http-compare.js';
import { startOtlpSink } from './otlp-sink.js';
import { progress } from './progress.js';
import { startReel } from './reel-process.js';
import type { Settings } from './settings.js';
import { round3 } from './stats.js';
import { publishClip } from './transcode.js';

/** `cached_read_vs_bare` on a Reel of its own, started with `env` on top of the defaults. */
async function cachedReadWith(
  repoRoot: string,
  clip: string,
  settings: Settings,
  env: Record<string, string>,
): Promise<HttpComparison> {
  progress(`starting reel dev with ${Object.keys(env).join(', ')}`);
  const reel = await startReel(repoRoot, { env, cpuProfDir: settings.cpuProfDir });
  try {
    return await benchCachedRead(
      reel,
      await publishClip(reel, clip, settings.clipSeconds),
      settings,
    );
  } finally {
    await reel.stop();
  }
}

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
  const off = await cachedReadWith(repoRoot, clip, settings, { REEL_METRICS: 'false' });
  return {
    cached_read_vs_bare_metrics_on: metricsOn.ratio,
    cached_read_vs_bare_metrics_off: off.ratio,
    // Above 1: metrics cost that share of a cached read's throughput.
    metrics_overhead_cached_read: round3(off.ratio / metricsOn.ratio),
  };
}

/**
 * `cached_read_vs_bare` with metrics and tracing both on (spans exported over OTLP to a local
 * sink) and both off, each on its own Reel, one after the other: what observing costs a read.
 * `unobserved` is the both-off figure when `metrics_overhead` measured it already.
 */
export async function benchTracingOverhead(
  repoRoot: string,
  clip: string,
  settings: Settings,
  unobserved?: number,
) {
  const sink = await startOtlpSink();
  try {
    const on = await cachedReadWith(repoRoot, clip, settings, {
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
    });
    const exported = { ...sink.received };
    const off =
      unobserved ??
      (await cachedReadWith(repoRoot, clip, settings, { REEL_METRICS: 'false' })).ratio;
    return {
      cached_read_vs_bare_observed: on.ratio,
      cached_read_vs_bare_unobserved: off,
      // Above 1: metrics and tracing together cost that share of a cached read's throughput.
      tracing_overhead: round3(off / on.ratio),
      // Proof the traced run exported: OTLP requests and bytes the sink took.
      otlp_exports: exported.exports,
      otlp_export_bytes: exported.bytes,
    };
  } finally {
    await sink.close();
  }
}
