import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { attachChatToRecording } from '../../db/live-chat.js';
import { findLiveStreamById, lockLiveStreamById, setLiveStream } from '../../db/live-streams.js';
import { emit } from '../../db/outbox.js';
import { insertRecordedVideo } from '../../db/recorded-videos.js';
import { lockVideo, type RenditionRow } from '../../db/videos.js';
import { LIVE_HEIGHTS, liveBitrate, liveFiles, liveKeys } from '../../domain/live-media-keys.js';
import {
  recordedMaster,
  recordedMediaPlaylist,
  recordedSegmentName,
  recordedSegments,
  segmentSeconds,
} from '../../domain/live-recording.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { transitionVideo } from '../videos/transition-video.js';
import { recordingReadyEvent } from './live-stream-events.js';
import { readRenditionIndex } from './rendition-index.js';

/** Copies one rendition's recorded init and segments under the video's keys (no re-encode). */
async function copyRendition(
  ctx: Context,
  input: { streamId: string; videoId: string; rendition: string; scratch: string },
) {
  const { streamId, videoId, rendition, scratch } = input;
  const index = await readRenditionIndex(ctx, streamId, rendition);
  const segments = index ? recordedSegments(index) : [];
  const session = segments[0]?.session;
  if (!session) return null;
  let sizeBytes = 0;
  const copy = async (file: string, name: string) => {
    const path = await ctx.store.localCopy(
      liveKeys.media(streamId, session, rendition, file),
      scratch,
    );
    sizeBytes += (await stat(path)).size;
    await ctx.store.putFile(mediaKeys.segment(videoId, rendition, name), path);
  };
  await copy(liveFiles.init, 'init.mp4');
  for (const [n, segment] of segments.entries()) {
    await copy(liveFiles.segment(segment.msn), recordedSegmentName(n));
  }
  await ctx.store.putText(
    mediaKeys.mediaPlaylist(videoId, rendition),
    recordedMediaPlaylist(segments),
  );
  const seconds = segments.reduce((total, segment) => total + segmentSeconds(segment), 0);
  // Counted back from the live edge as stored, which is what viewers at the edge saw when they
  // chatted: the dates run ahead of it by the ladder's start-up and encoding lag.
  const last = segments.at(-1);
  const endedAt = last
    ? Date.parse(last.programDateTime) + segmentSeconds(last) * 1000 + (index?.storedLagMs ?? 0)
    : Date.now();
  return {
    sizeBytes,
    seconds,
    startedAt: new Date(endedAt - seconds * 1000),
    audio: index?.audio ?? false,
  };
}

/**
 * An ended session of a stream with `record` becomes an ordinary video: the live segments
 * copied as they are, a closed playlist per rendition, ready at once, then
 * `live_stream.recording.ready` names it. The session's chat joins it, in step with its frames.
 */
export async function recordEndedSession(ctx: Context, streamId: string): Promise<void> {
  const stream = await findLiveStreamById(ctx.database.db, streamId);
  if (!stream?.record) return;
  const videoId = randomUUID();
  const scratch = await mkdtemp(join(tmpdir(), 'reel-recording-'));
  const renditions: RenditionRow[] = [];
  let durationSec = 0;
  let recordingStart: Date | undefined;
  let hasAudio = false;
  try {
    for (const height of LIVE_HEIGHTS) {
      const rendition = `${height}p`;
      const copied = await copyRendition(ctx, { streamId, videoId, rendition, scratch });
      if (!copied) continue;
      durationSec = Math.max(durationSec, copied.seconds);
      recordingStart ??= copied.startedAt;
      hasAudio ||= copied.audio;
      renditions.push({
        videoId,
        renditionId: rendition,
        width: Math.round((height * 16) / 9 / 2) * 2,
        height,
        bitrateKbps: Math.round(liveBitrate(height) / 1000),
        codecs: copied.audio ? 'avc1,mp4a.40.2' : 'avc1',
        playlistKey: mediaKeys.mediaPlaylist(videoId, rendition),
        sizeBytes: copied.sizeBytes,
      });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const top = renditions[0];
  if (!top) return;
  const manifestKey = mediaKeys.master(videoId);
  await ctx.store.putText(
    manifestKey,
    recordedMaster(
      renditions.map((r) => ({
        id: r.renditionId,
        width: r.width,
        height: r.height,
        bandwidth: r.bitrateKbps * 1000,
      })),
    ),
  );
  await ctx.database.db.transaction(async (tx) => {
    const locked = await lockLiveStreamById(tx, streamId);
    if (!locked) return;
    await insertRecordedVideo(
      tx,
      {
        id: videoId,
        tenantId: locked.tenantId,
        title: locked.title,
        channelId: locked.channelId,
        // A signed stream's recording plays only with a token too.
        playbackPolicy: locked.playbackPolicy,
        originalKey: liveKeys.prefix(streamId),
        manifestKey,
        durationSec,
        width: top.width,
        height: top.height,
        hasAudio,
      },
      renditions,
    );
    const video = await lockVideo(tx, videoId);
    if (video) await transitionVideo(tx, video, { to: 'ready' });
    if (locked.sessionStartedAt && recordingStart) {
      await attachChatToRecording(tx, {
        liveStreamId: locked.id,
        sessionStartedAt: locked.sessionStartedAt,
        videoId,
        recordingStart,
      });
    }
    const row = await setLiveStream(tx, locked.id, { recordingVideoId: videoId });
    await emit(tx, recordingReadyEvent(row, ctx.config.live));
  });
}
