import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBareProcess } from './bare-process.js';
import { drive, type LoadResult } from './http-load.js';
import { peakRssMiB } from './proc-stats.js';
import { progress } from './progress.js';
import { interleave, median, medianRatio, round3 } from './stats.js';

/** Starts bare-server.ts in its own process and returns its base URL. */
async function startBareServer(route: string, contentType: string, body: Buffer) {
  const bodyFile = join(tmpdir(), `reel-bench-body-${process.pid}-${Date.now()}`);
  await writeFile(bodyFile, body);
  const bare = await startBareProcess('bare-server.ts', [route, contentType, bodyFile]);
  const stop = async () => {
    await bare.stop();
    await rm(bodyFile, { force: true });
  };
  return { child: bare.child, url: bare.url, stop };
}

export interface HttpComparison {
  ratio: number;
  figures: Record<string, number>;
  /** Each round's ratio. */
  rounds: number[];
}

/**
 * Requests/s of one Reel route against a bare Fastify serving the same bytes, both driven by
 * autocannon with the same settings, interleaved round by round after a warm-up of each.
 */
export async function compareHttp(options: {
  name: string;
  subjectUrl: string;
  subjectHeaders?: Record<string, string>;
  bareRoute: string;
  barePath: string;
  contentType: string;
  body: Buffer;
  rounds: number;
  seconds: number;
  connections: number;
}): Promise<HttpComparison> {
  const bare = await startBareServer(options.bareRoute, options.contentType, options.body);
  try {
    const load = { seconds: options.seconds, connections: options.connections };
    const bareUrl = `${bare.url}${options.barePath}`;
    const subject = () =>
      drive(options.subjectUrl, { ...load, headers: options.subjectHeaders ?? {} });
    // The warm-up fills caches and lets V8 optimise both servers; it is not counted.
    progress(`${options.name}: warm-up`);
    const warm = { ...load, seconds: Math.max(1, Math.round(options.seconds / 2)) };
    await drive(bareUrl, warm);
    await drive(options.subjectUrl, { ...warm, headers: options.subjectHeaders ?? {} });
    const pairs = await interleave<LoadResult, LoadResult>(
      options.rounds,
      async (round) => {
        progress(`${options.name} round ${round}/${options.rounds}: bare Fastify`);
        return drive(bareUrl, load);
      },
      async (round) => {
        progress(`${options.name} round ${round}/${options.rounds}: Reel`);
        return subject();
      },
    );
    const med = (values: number[]) => round3(median(values));
    const n = options.name;
    return {
      ratio: round3(medianRatio(pairs, (r) => r.requestsPerSec)),
      rounds: pairs.map((p) => round3(p.subject.requestsPerSec / p.baseline.requestsPerSec)),
      figures: {
        [`${n}_reel_rps`]: Math.round(median(pairs.map((p) => p.subject.requestsPerSec))),
        [`${n}_bare_rps`]: Math.round(median(pairs.map((p) => p.baseline.requestsPerSec))),
        [`${n}_reel_p50_ms`]: med(pairs.map((p) => p.subject.p50Ms)),
        [`${n}_reel_p99_ms`]: med(pairs.map((p) => p.subject.p99Ms)),
        [`${n}_bare_p50_ms`]: med(pairs.map((p) => p.baseline.p50Ms)),
        [`${n}_bare_p99_ms`]: med(pairs.map((p) => p.baseline.p99Ms)),
        [`peak_rss_mib_bare_server_${n}`]: round3(peakRssMiB(bare.child.pid ?? 0) ?? Number.NaN),
      },
    };
  } finally {
    await bare.stop();
  }
}
