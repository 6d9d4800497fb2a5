import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { saveVideoFingerprint } from '../../db/fingerprints.js';
import { emit } from '../../db/outbox.js';
import { endStage } from '../../db/video-stages.js';
import {
  findPlayableVideo,
  lockVideo,
  replaceTranscodeOutputs,
  setVideo,
} from '../../db/videos.js';
import { TOPICS } from '../../domain/event-routes.js';
import type { Rung } from '../../domain/ladder.js';
import { type AcceptedSource, checkSource, isRejection } from '../../domain/media-checks.js';
import { encodeFingerprint, fingerprintOf } from '../../domain/perceptual-fingerprint.js';
import { probedInput } from '../../domain/processing-stages.js';
import { planTranscode } from '../../domain/transcode-plan.js';
import { awaitsEncode } from '../../domain/video-status.js';
import { UnreadableMediaError } from '../../ports/transcoder.js';
import { failOnFingerprintMatch, screensFingerprints } from '../blocked-media/match-fingerprint.js';
import { encodeProgressively } from './encode-progressively.js';
import { failVideo } from './fail-video.js';
import { withLoudness } from './measure-loudness.js';
import { stagesOf } from './record-stages.js';
import { storeOutputs } from './store-outputs.js';

/** The video still to transcode; undefined once done (a redelivery, or a retry after the commit). */
async function pendingVideo(ctx: Context, videoId: string, tenantId: string) {
  const video = await findPlayableVideo(ctx.database.db, videoId);
  if (!video || video.tenantId !== tenantId) return undefined;
  if (!awaitsEncode(video) || video.manifestKey) return undefined;
  return video;
}

/** The ladder's tallest rendition names a run in metrics (`audio` for sound only). */
const topRendition = (ladder: readonly Rung[]) =>
  ladder.reduce<Rung | undefined>((top, r) => (!top || r.height > top.height ? r : top), undefined)
    ?.id ?? 'audio';

/** Renditions, thumbnails and the source's facts, then `video.transcoded`, in one transaction. */
async function recordTranscode(
  ctx: Context,
  videoId: string,
  source: AcceptedSource,
  stored: Awaited<ReturnType<typeof storeOutputs>>,
  fingerprint: readonly bigint[],
) {
  await ctx.database.db.transaction(async (tx) => {
    const locked = await lockVideo(tx, videoId);
    if (!locked || !awaitsEncode(locked) || locked.manifestKey) return;
    await endStage(tx, { tenantId: locked.tenantId, videoId, stage: 'stored' });
    await replaceTranscodeOutputs(tx, videoId, stored);
    await saveVideoFingerprint(tx, {
      videoId,
      tenantId: locked.tenantId,
      frameHashes: encodeFingerprint(fingerprint),
    });
    await setVideo(tx, videoId, {
      durationSec: source.durationSec,
      width: source.width,
      height: source.height,
      hasAudio: source.hasAudio,
      manifestKey: stored.manifestKey,
    });
    await emit(tx, { topic: TOPICS.videoTranscoded, videoId, tenantId: locked.tenantId });
  });
  await invalidateVideo(ctx, videoId);
}

/**
 * Probe, check, one ffmpeg run for the whole ladder (and the frames of its fingerprint) whose
 * segments are stored as they are made (the video plays from the first ones), a blocklist check
 * of that fingerprint, the rest to the store, then the record.
 * Input that is not a video fails it with a reason. A retry redoes the same work into the same
 * keys, so the outcome is the same once.
 */
export async function transcodeVideo(
  ctx: Context,
  input: {
    videoId: string;
    tenantId: string;
    extendLease: () => Promise<void>;
    /** Aborted when the worker stops: ffmpeg is stopped and the job goes to another worker. */
    signal?: AbortSignal;
  },
): Promise<void> {
  const limits = ctx.config.transcode;
  const video = await pendingVideo(ctx, input.videoId, input.tenantId);
  if (!video) return;
  const scratch = await mkdtemp(join(tmpdir(), 'reel-transcode-'));
  const stages = stagesOf(ctx, video);
  try {
    await stages.start('probed');
    const local = await ctx.store.localCopy(video.originalKey, scratch);
    const probe = await ctx.transcoder.probe(local);
    await stages.end('probed', { detail: { input: probedInput(probe) } });
    const source = checkSource(probe, limits);
    if (isRejection(source)) {
      ctx.metrics.countTranscodeFailure(source.code);
      await failVideo(ctx, video.id, source.code, source.message);
      return;
    }
    const job = await withLoudness(
      ctx,
      video.normalizeAudio,
      planTranscode(source, { input: local, outDir: join(scratch, 'out') }, limits),
    );
    await stages.start('encoding');
    const started = performance.now();
    const alreadyStored = await encodeProgressively(
      ctx,
      video.id,
      job,
      (progress) => stages.encodingProgress(progress),
      {
        // A tenant with fingerprinted blocked media sees no copy of it play, even for seconds:
        // its videos play once the fingerprint is checked.
        playEarly: !(await screensFingerprints(ctx, video.tenantId)),
        signal: input.signal,
      },
    );
    ctx.metrics.observeTranscode(
      topRendition(job.ladder),
      (performance.now() - started) / 1000,
      source.durationSec,
    );
    await stages.end('encoding', { progress: 100 });
    // Checked before the video is recorded: a copy of blocked media leaves no media behind.
    const fingerprint = fingerprintOf(await readFile(join(job.outDir, 'fingerprint.gray')));
    if (await failOnFingerprintMatch(ctx, video, fingerprint)) return;
    await input.extendLease();
    await stages.start('stored');
    const stored = await storeOutputs(ctx.store, video.id, job.outDir, {
      ladder: job.ladder,
      audio: job.audio,
      thumbnails: job.thumbnails,
      storyboard: job.storyboard,
      durationSec: source.durationSec,
      segmentSec: job.segmentSec,
      alreadyStored,
    });
    await recordTranscode(ctx, video.id, source, stored, fingerprint);
  } catch (error) {
    if (!(error instanceof UnreadableMediaError)) throw error;
    ctx.metrics.countTranscodeFailure(error.code);
    await failVideo(ctx, video.id, error.code, error.message);
  } finally {
    stages.endSpans();
    await rm(scratch, { recursive: true, force: true });
  }
}
