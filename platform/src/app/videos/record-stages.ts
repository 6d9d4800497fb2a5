import type { Context } from '../../context.js';
import { endStage, setStageProgress, startStage } from '../../db/video-stages.js';
import {
  PROGRESS_WRITE_INTERVAL_MS,
  type RecordedStage,
  type StageDetail,
} from '../../domain/processing-stages.js';
import type { OpenSpan } from '../../ports/tracing.js';
import type { EncodeProgress } from '../../ports/transcoder.js';

/** The stages of one transcode of one video, written as they start and end, each a span. */
export function stagesOf(ctx: Context, video: { id: string; tenantId: string }) {
  const key = (stage: RecordedStage) => ({ tenantId: video.tenantId, videoId: video.id, stage });
  let lastWriteAt = 0;
  let written: Promise<void> = Promise.resolve();
  const spans = new Map<RecordedStage, OpenSpan>();
  return {
    start(stage: RecordedStage) {
      spans.set(
        stage,
        ctx.tracing.startSpan(`transcode ${stage}`, { attributes: { 'reel.video_id': video.id } }),
      );
      return startStage(ctx.database.db, key(stage));
    },
    async end(stage: RecordedStage, end: { detail?: StageDetail; progress?: number } = {}) {
      spans.get(stage)?.end();
      spans.delete(stage);
      await written;
      await endStage(ctx.database.db, key(stage), end);
    },
    /** Ends the spans of stages ended elsewhere (`stored` ends in the record's transaction). */
    endSpans() {
      for (const span of spans.values()) span.end();
      spans.clear();
    },
    /**
     * ffmpeg reports several times a second; one write a second is enough for a person
     * watching. A lost write only leaves an older figure, so it never fails the encode.
     */
    encodingProgress(progress: EncodeProgress) {
      const now = Date.now();
      if (now - lastWriteAt < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWriteAt = now;
      const figures = {
        progress: Math.round(progress.fraction * 1000) / 10,
        speed: Math.round(progress.speed * 100) / 100,
      };
      written = written
        .then(() => setStageProgress(ctx.database.db, key('encoding'), figures))
        .catch(() => undefined);
    },
  };
}
