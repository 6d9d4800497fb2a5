import { applyViewBatch } from '../app/views/apply-view-batch.js';
import type { WatchProgressInput } from '../app/views/record-watch-progress.js';
import { syncViewCounts, VIEW_SYNC_BATCH } from '../app/views/sync-view-counts.js';
import type { Context } from '../context.js';
import { isUuid } from '../domain/uuid.js';
import type { PlaybackEvent, PlaybackReport } from '../domain/watch-progress.js';
import type { BusEvent } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

const EVERY_MS = 30_000;

interface ViewPayload {
  /** Absent on events queued before reports existed: each of those was a counted view. */
  counted?: boolean;
  viewer_id?: string;
  report?: { event: PlaybackEvent; position_sec: number; session_id: string; seq: number };
}

/** A batch of `events.views`, grouped per (viewer, video) and per video, applied in one go. */
async function handleViews(ctx: Context, events: readonly BusEvent[]) {
  const histories = new Map<string, WatchProgressInput & { reports: PlaybackReport[] }>();
  const views = new Map<string, number>();
  for (const event of events) {
    const payload = event.payload as ViewPayload;
    const { report, viewer_id: viewerId } = payload;
    if (viewerId !== undefined && report !== undefined) {
      const key = JSON.stringify([event.tenantId, viewerId, event.key]);
      const history = histories.get(key) ?? {
        tenantId: event.tenantId,
        viewerId,
        videoId: event.key,
        reports: [],
      };
      history.reports.push({
        event: report.event,
        positionSec: report.position_sec,
        sessionId: report.session_id,
        seq: report.seq,
        receivedAt: event.emittedAt,
      });
      histories.set(key, history);
    }
    if (payload.counted !== false && isUuid(event.key)) {
      views.set(event.key, (views.get(event.key) ?? 0) + 1);
    }
  }
  await applyViewBatch(ctx, [...histories.values()], views);
}

/** `events.views`, by the batch → views counted on `view_count`, and viewers' histories. */
export const viewCountWorker = (ctx: Context) => (events: readonly BusEvent[]) =>
  handleViews(ctx, events);

/**
 * The search index gets changed counts in batches every 30 s instead of a write per view, so
 * `most_viewed` search lags by that much.
 */
export const startViewCountSync = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => syncViewCounts(ctx),
    batchSize: VIEW_SYNC_BATCH,
    idleMs: EVERY_MS,
    onError,
  });
