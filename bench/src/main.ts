// `npm run bench [-- --quick] [-- --json]`: every benchmark, each a ratio against a bare
// baseline run beside it. Progress goes to stderr; stdout holds only the table or one JSON line.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAnalyticsIngest, benchBus, benchHeartbeats } from './bus.js';
import { benchCachedRead } from './cached-read.js';
import { benchDownloads } from './downloads.js';
import { benchCommentsPage, benchLikes } from './engagement.js';
import { benchFirstFrame } from './first-frame.js';
import { benchFirstPlayable } from './first-playable.js';
import { makeClip, makeUploadFile } from './inputs.js';
import { benchLoudness } from './loudness.js';
import { describeMachine, servicesMode } from './machine.js';
import { benchPublicManifest, benchSignedManifest } from './manifest.js';
import { benchMetricsOff, benchTracingOverhead } from './metrics-overhead.js';
import { peakRssMiB, TreeSampler } from './proc-stats.js';
import { progress } from './progress.js';
import { startReel } from './reel-process.js';
import { formatTable, type Report, writeResults } from './report.js';
import { benchServices } from './services.js';
import { parseSettings, runs } from './settings.js';
import { round3 } from './stats.js';
import { benchTranscode, publishClip } from './transcode.js';
import { benchUpload, benchUploadAgainstBarePut } from './upload.js';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(benchDir, '..');

/** Peak RSS of Reel's own process and of its Postgres processes, read before it stops. */
function reelPeaks(pid: number) {
  const postgres = new TreeSampler(pid)
    .start()
    .stop()
    .filter((r) => r.comm === 'postgres');
  return {
    peak_rss_mib_reel_node: round3(peakRssMiB(pid) ?? Number.NaN),
    // Shared buffers count in every backend's RSS, so the largest one, not a sum.
    peak_rss_mib_postgres_largest: round3(Math.max(0, ...postgres.map((r) => r.peakRssMiB))),
    postgres_processes: postgres.length,
  };
}

async function main() {
  const settings = parseSettings(process.argv.slice(2));
  const machine = describeMachine();
  const services = servicesMode(repoRoot);
  progress(
    `${settings.quick ? 'quick' : 'full'} run on ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB; services mode: ${services}`,
  );
  const clip = await makeClip(settings.clipSeconds, settings.clipWidth, settings.clipHeight);
  const uploadFile =
    runs(settings, 'upload') || runs(settings, 'upload_bare_put')
      ? await makeUploadFile(settings.uploadBytes)
      : '';

  progress('starting reel dev on embedded defaults');
  const reel = await startReel(repoRoot, { cpuProfDir: settings.cpuProfDir });
  // Ctrl-C stops Reel the graceful way, so its embedded Postgres does not outlive the run.
  const interrupt = () => void reel.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const report: Report = { ratios: {}, figures: {} };
  let cachedRead: Awaited<ReturnType<typeof benchCachedRead>> | undefined;
  const rounds: Record<string, number[]> = {};
  const reasons: Record<string, string> = {};
  try {
    const needsVideo = (
      [
        'cached_read',
        'manifest',
        'manifest_signed',
        'heartbeats',
        'analytics_ingest',
        'likes',
        'comments',
        'first_frame',
      ] as const
    ).some((name) => runs(settings, name));
    let readyVideoId = '';
    const playableBySeconds = new Map<number, { playableSec: number; ratio: number }>();
    if (runs(settings, 'transcode')) {
      const transcode = await benchTranscode(
        reel,
        clip,
        settings.transcodeRounds,
        settings.clipSeconds,
      );
      Object.assign(report.ratios, transcode.ratios);
      Object.assign(report.figures, transcode.figures);
      Object.assign(rounds, transcode.rounds);
      readyVideoId = transcode.readyVideoId;
      playableBySeconds.set(settings.clipSeconds, {
        playableSec: Number(transcode.figures.transcode_first_playable_sec),
        ratio: transcode.ratios.first_playable_vs_ffmpeg,
      });
    } else if (needsVideo) {
      progress('publishing the clip the other benchmarks read');
      readyVideoId = await publishClip(reel, clip, settings.clipSeconds);
    }

    if (runs(settings, 'first_playable')) {
      const firstPlayable = await benchFirstPlayable(reel, settings, playableBySeconds);
      Object.assign(report.ratios, firstPlayable.ratios);
      Object.assign(report.figures, firstPlayable.figures);
    }
    if (runs(settings, 'first_frame'))
      Object.assign(
        report.figures,
        (await benchFirstFrame(reel, repoRoot, readyVideoId, settings.rounds)).figures,
      );

    const take = (name: string, result: { ratio: number; rounds: number[]; figures: object }) => {
      report.ratios[name] = result.ratio;
      rounds[name] = result.rounds;
      Object.assign(report.figures, result.figures);
    };
    if (runs(settings, 'loudness_vs_ladder'))
      take('loudness_vs_ladder', await benchLoudness(clip, settings.transcodeRounds));
    if (runs(settings, 'downloads_vs_ladder'))
      take('downloads_vs_ladder', await benchDownloads(clip, settings.transcodeRounds));
    if (runs(settings, 'cached_read')) {
      cachedRead = await benchCachedRead(reel, readyVideoId, settings);
      take('cached_read_vs_bare', cachedRead);
    }
    if (runs(settings, 'manifest'))
      take('manifest_vs_bare', await benchPublicManifest(reel, readyVideoId, settings));
    if (runs(settings, 'manifest_signed'))
      take('manifest_signed_vs_bare', await benchSignedManifest(reel, readyVideoId, settings));
    if (runs(settings, 'upload'))
      take(
        'upload_vs_raw',
        await benchUpload(reel, uploadFile, settings.uploadBytes, settings.rounds),
      );
    if (runs(settings, 'upload_bare_put'))
      take(
        'upload_vs_bare_put',
        await benchUploadAgainstBarePut(reel, uploadFile, settings.uploadBytes, settings.rounds),
      );

    if (runs(settings, 'bus'))
      Object.assign(
        report.figures,
        await benchBus(reel, 'postgres-queue', settings.busEvents, settings.rounds),
      );
    const heartbeatsOfClip = {
      videoId: readyVideoId,
      events: settings.busEvents,
      rounds: settings.rounds,
    };
    if (runs(settings, 'heartbeats'))
      Object.assign(
        report.figures,
        await benchHeartbeats(reel, 'postgres-queue', heartbeatsOfClip),
      );
    if (runs(settings, 'analytics_ingest'))
      Object.assign(
        report.figures,
        await benchAnalyticsIngest(reel, 'postgres-queue', heartbeatsOfClip),
      );
    if (runs(settings, 'likes'))
      take(
        'likes_vs_bare_insert',
        await benchLikes(reel, readyVideoId, settings.likes, settings.rounds),
      );
    if (runs(settings, 'comments'))
      take(
        'comments_page_vs_bare_sql',
        await benchCommentsPage(
          reel,
          readyVideoId,
          settings.comments,
          settings.commentReads,
          settings.rounds,
        ),
      );
    Object.assign(report.figures, reelPeaks(reel.pid));
  } catch (error) {
    progress(`failed; the last lines of reel dev:\n${reel.tail()}`);
    throw error;
  } finally {
    progress('stopping reel dev');
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await reel.stop();
  }
  if (settings.services)
    report.services = await benchServices(repoRoot, settings, clip, uploadFile);
  // After the main Reel stopped, so the two never share the machine.
  if (cachedRead && runs(settings, 'metrics_overhead'))
    Object.assign(report.figures, await benchMetricsOff(repoRoot, clip, settings, cachedRead));
  // The both-off Reel is the metrics-off one: measured once when both benchmarks run.
  const metricsOff = report.figures.cached_read_vs_bare_metrics_off;
  if (runs(settings, 'tracing_overhead'))
    Object.assign(
      report.figures,
      await benchTracingOverhead(
        repoRoot,
        clip,
        settings,
        typeof metricsOff === 'number' ? metricsOff : undefined,
      ),
    );
  report.figures.peak_rss_mib_bench_process = round3(peakRssMiB('self') ?? Number.NaN);
  Object.assign(report.figures, {
    mode: 'embedded',
    services_mode: services,
    machine_nproc: machine.nproc,
    machine_cpu_model: machine.cpuModel,
    machine_memory_gib: machine.memoryGiB,
    node_version: machine.node,
    rounds: settings.rounds,
    null_reasons: reasons,
  });

  if (settings.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(formatTable(report, rounds));
  if (settings.writeResults) {
    const path = await writeResults(benchDir, report, {
      date: new Date().toISOString(),
      quick: settings.quick,
      settings,
      ratio_rounds: rounds,
    });
    progress(`results written to ${path}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
