import { runBareFfmpeg, transcodeJobFor } from './bare-ffmpeg.js';
import { cpuTimes, cpuUsedBy, TreeSampler } from './proc-stats.js';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { interleave, median, medianRatio, round3 } from './stats.js';
import { sha256File, uploadThroughReel } from './upload-client.js';

/** How often the "player" asks for the manifest while the video processes. */
const POLL_MS = 100;

interface ReelRun {
  videoId: string;
  /** complete answered → `videos.published_at` (ready). */
  readySec: number;
  /** complete answered → the public manifest first answered 200. */
  playableSec: number;
  cpu: { node: number; children: number; postgres: number };
  ffmpegPeakRssMiB: number;
  stages: Record<string, number>;
  commandLine: string | undefined;
}

/** Reads the moments the pipeline wrote down for one video (epoch ms). */
async function pipelineMoments(reel: RunningReel, videoId: string) {
  const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
  const video = await reel.db.query<{ published: number }>(
    `select ${ms('published_at')} as published from videos where id = $1`,
    [videoId],
  );
  const events = await reel.db.query<{ topic: string; created: number; relayed: number }>(
    `select topic, ${ms('created_at')} as created, ${ms('relayed_at')} as relayed
       from outbox where key = $1 order by id`,
    [videoId],
  );
  const jobs = await reel.db.query<{ group_name: string; queued: number; done: number }>(
    `select group_name, ${ms('available_at')} as queued, ${ms('done_at')} as done
       from queue_jobs where key = $1`,
    [videoId],
  );
  const event = (topic: string) => events.rows.find((e) => e.topic === topic);
  return {
    published: video.rows[0]?.published ?? Number.NaN,
    requested: event('transcode.requested'),
    transcoded: event('video.transcoded'),
    publishJob: jobs.rows.find((j) => j.group_name === 'publish'),
  };
}

/** Polls the public manifest as a player would, until it answers 200. */
async function waitPlayable(reel: RunningReel, videoId: string, timeoutMs: number) {
  const url = `${reel.apiUrl}/v1/videos/${videoId}/manifest.m3u8`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url);
    if (response.status === 200) {
      await response.arrayBuffer();
      return Date.now();
    }
    const body = (await response.json().catch(() => ({}))) as {
      details?: { status?: string };
    };
    if (body.details?.status === 'failed' || response.status === 404) {
      throw new Error(`the video did not become playable (${response.status}):\n${reel.tail()}`);
    }
    if (Date.now() > deadline) throw new Error(`no playable manifest after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Polls the video until it is ready: with progressive publishing it plays well before that. */
async function waitReady(reel: RunningReel, videoId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A busy Reel sheds load with 503: that is a wait, not a failure.
    const status = await reel.sdk.videos.get(videoId).then(
      (video) => video.status,
      (error: { status?: number }) => {
        if (error.status === 503) return 'busy';
        throw error;
      },
    );
    if (status === 'ready') return;
    if (status === 'failed') throw new Error(`the video failed:\n${reel.tail()}`);
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Paths differ between the two runs; everything else must be the same command. */
function normalizeLine(line: string): string {
  const input = / -i (\S+) /.exec(line)?.[1];
  const out = / -hls_segment_filename (\S+)\/%v\/seg_%05d\.m4s/.exec(line)?.[1];
  let normalized = line;
  if (input) normalized = normalized.split(input).join('<input>');
  if (out) normalized = normalized.split(out).join('<out>');
  return normalized;
}

async function runThroughReel(
  reel: RunningReel,
  clip: string,
  sha256: string,
  timeoutMs: number,
): Promise<ReelRun> {
  const sampler = new TreeSampler(reel.pid, POLL_MS);
  let cpuBefore = cpuTimes(reel.pid);
  // Date.now() and performance.now() disagree by a constant: move sampler times to epoch ms.
  const epochOffset = Date.now() - performance.now();
  const commandsBefore = reel.ffmpegStarts.length;
  const upload = await uploadThroughReel(reel.sdk, clip, sha256, {
    title: 'bench clip',
    // Watching starts before complete: the worker may pick the job up before the reply lands.
    beforeComplete: () => {
      sampler.start();
      cpuBefore = cpuTimes(reel.pid);
    },
  });
  const completedAt = upload.completedMs + epochOffset;
  const playableAt = await waitPlayable(reel, upload.videoId, timeoutMs);
  await waitReady(reel, upload.videoId, timeoutMs);
  const records = sampler.stop();
  const cpuAfter = cpuTimes(reel.pid);
  const moments = await pipelineMoments(reel, upload.videoId);
  const wall = (moments.published - completedAt) / 1000;
  // The transcode is the longest-lived ffmpeg; capability checks run short ones first.
  const ffmpeg = records
    .filter((r) => r.comm === 'ffmpeg')
    .sort((a, b) => b.lastSeenMs - b.firstSeenMs - (a.lastSeenMs - a.firstSeenMs))[0];
  const ffmpegStart = ffmpeg ? ffmpeg.firstSeenMs + epochOffset : Number.NaN;
  const ffmpegEnd = ffmpeg ? ffmpeg.lastSeenMs + epochOffset : Number.NaN;
  const sec = (from: number, to: number | undefined) => ((to ?? Number.NaN) - from) / 1000;
  return {
    videoId: upload.videoId,
    readySec: wall,
    playableSec: (playableAt - completedAt) / 1000,
    cpu: {
      node: cpuAfter.self - cpuBefore.self,
      children: cpuAfter.children - cpuBefore.children,
      postgres: cpuUsedBy(sampler, records, 'postgres'),
    },
    ffmpegPeakRssMiB: Math.max(
      0,
      ...records.filter((r) => r.comm === 'ffmpeg').map((r) => r.peakRssMiB),
    ),
    stages: {
      requested_relay: sec(moments.requested?.created ?? Number.NaN, moments.requested?.relayed),
      complete_to_ffmpeg_start: sec(completedAt, ffmpegStart),
      ffmpeg_run: sec(ffmpegStart, ffmpegEnd),
      ffmpeg_end_to_transcoded_commit: sec(ffmpegEnd, moments.transcoded?.created),
      transcoded_to_relayed: sec(
        moments.transcoded?.created ?? Number.NaN,
        moments.transcoded?.relayed,
      ),
      relayed_to_published: sec(moments.transcoded?.relayed ?? Number.NaN, moments.published),
      playable_to_published: sec(playableAt, moments.published),
    },
    commandLine: reel.ffmpegStarts.slice(commandsBefore).at(-1)?.line,
  };
}

export interface TranscodeResult {
  ratios: { transcode_vs_ffmpeg: number; first_playable_vs_ffmpeg: number };
  figures: Record<string, number | boolean>;
  /** Each round's ratio, to judge the spread behind a median. */
  rounds: Record<string, number[]>;
  /** A ready, public video the playback benchmarks can read. */
  readyVideoId: string;
}

/**
 * complete → ready through Reel, against a bare ffmpeg run of the very command Reel's worker
 * runs (same `transcodeArgs`, same ladder, same input bytes).
 */
export async function benchTranscode(
  reel: RunningReel,
  clip: string,
  rounds: number,
  clipSeconds: number,
): Promise<TranscodeResult> {
  const sha256 = await sha256File(clip);
  const job = await transcodeJobFor(clip, '/unused');
  progress(
    `transcode: ladder ${job.ladder.map((r) => r.id).join(', ')}${job.audio ? ' + audio' : ''}`,
  );
  const timeoutMs = 120_000 + clipSeconds * 20_000;
  const pairs = await interleave(
    rounds,
    async (round) => {
      progress(`transcode round ${round}/${rounds}: bare ffmpeg`);
      return runBareFfmpeg(job);
    },
    async (round) => {
      progress(`transcode round ${round}/${rounds}: upload → complete → ready through Reel`);
      return runThroughReel(reel, clip, sha256, timeoutMs);
    },
  );
  const reelRuns = pairs.map((p) => p.subject);
  const bareRuns = pairs.map((p) => p.baseline);
  const lastReel = reelRuns.at(-1);
  const lastBare = bareRuns.at(-1);
  const sameCommand =
    lastReel?.commandLine !== undefined &&
    lastBare !== undefined &&
    normalizeLine(lastReel.commandLine) === normalizeLine(lastBare.commandLine);
  if (!sameCommand) {
    progress(
      `WARNING: the bare ffmpeg command differs from Reel's:\n  reel: ${lastReel?.commandLine}\n  bare: ${lastBare?.commandLine}`,
    );
  }
  const med = (values: number[]) => round3(median(values));
  const figures: Record<string, number | boolean> = {
    transcode_clip_seconds: clipSeconds,
    transcode_ready_sec: med(reelRuns.map((r) => r.readySec)),
    transcode_first_playable_sec: med(reelRuns.map((r) => r.playableSec)),
    transcode_bare_ffmpeg_sec: med(bareRuns.map((r) => r.wallSec)),
    transcode_same_command: sameCommand,
    transcode_cpu_cores_bare_ffmpeg: med(bareRuns.map((r) => r.cpuSec / r.wallSec)),
    transcode_cpu_cores_reel_ffmpeg: med(reelRuns.map((r) => r.cpu.children / r.readySec)),
    transcode_cpu_cores_reel_node: med(reelRuns.map((r) => r.cpu.node / r.readySec)),
    transcode_cpu_cores_postgres: med(reelRuns.map((r) => r.cpu.postgres / r.readySec)),
    // CPU-seconds, not cores: the same work shows as the same number however busy the machine.
    transcode_cpu_sec_bare_ffmpeg: med(bareRuns.map((r) => r.cpuSec)),
    transcode_cpu_sec_reel_ffmpeg: med(reelRuns.map((r) => r.cpu.children)),
    peak_rss_mib_ffmpeg_bare: med(bareRuns.map((r) => r.peakRssMiB)),
    peak_rss_mib_ffmpeg_reel: med(reelRuns.map((r) => r.ffmpegPeakRssMiB)),
  };
  for (const stage of Object.keys(reelRuns[0]?.stages ?? {})) {
    figures[`transcode_stage_${stage}_sec`] = med(
      reelRuns.map((r) => r.stages[stage] ?? Number.NaN),
    );
  }
  return {
    ratios: {
      transcode_vs_ffmpeg: round3(
        medianRatio(
          pairs.map((p) => ({ baseline: p.baseline.wallSec, subject: p.subject.readySec })),
          (v) => v,
        ),
      ),
      first_playable_vs_ffmpeg: round3(
        medianRatio(
          pairs.map((p) => ({ baseline: p.baseline.wallSec, subject: p.subject.playableSec })),
          (v) => v,
        ),
      ),
    },
    figures,
    rounds: {
      transcode_vs_ffmpeg: pairs.map((p) => round3(p.subject.readySec / p.baseline.wallSec)),
      first_playable_vs_ffmpeg: pairs.map((p) =>
        round3(p.subject.playableSec / p.baseline.wallSec),
      ),
    },
    readyVideoId: lastReel?.videoId ?? '',
  };
}

/**
 * Uploads the clip and waits until it plays: the ready, public video the playback benchmarks
 * read when the transcode benchmark is left out of the run.
 */
export async function publishClip(reel: RunningReel, clip: string, clipSeconds: number) {
  const upload = await uploadThroughReel(reel.sdk, clip, await sha256File(clip), {
    title: 'bench clip',
  });
  const timeoutMs = 120_000 + clipSeconds * 20_000;
  await waitPlayable(reel, upload.videoId, timeoutMs);
  await waitReady(reel, upload.videoId, timeoutMs);
  return upload.videoId;
}
