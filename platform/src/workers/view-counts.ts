import { countView } from '../app/views/count-view.js';
import { recordWatchProgress } from '../app/views/record-watch-progress.js';
import { syncViewCounts, VIEW_SYNC_BATCH } from '../app/views/sync-view-counts.js';
import type { Context } from '../context.js';
import type { PlaybackEvent } from '../domain/watch-progress.js';
import type { BusEvent, Delivery } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

const EVERY_MS = 30_000;

interface ViewPayload {
  /** Absent on events queued before reports existed: each of those was a counted view. */
  counted?: boolean;
  viewer_id?: string;
  report?: { event: PlaybackEvent; position_sec: number; session_id: string; seq: number };
}

async function handleView(ctx: Context, event: BusEvent) {
  const payload = event.payload as ViewPayload;
  const { report } = payload;
  // History first: applying a report again changes nothing, so a retry after a failed count
  // cannot count twice.
  if (payload.viewer_id !== undefined && report !== undefined) {
    await recordWatchProgress(ctx, {
      tenantId: event.tenantId,
      viewerId: payload.viewer_id,
      videoId: event.key,
      report: {
        event: report.event,
        positionSec: report.position_sec,
        sessionId: report.session_id,
        seq: report.seq,
        receivedAt: event.emittedAt,
      },
    });
  }
  if (payload.counted !== false) await countView(ctx, event.key);
}

/** `events.views` → one more on the video's `view_count` if it counted, and the viewer's history. */
export const viewCountWorker =
  (ctx: Context) =>
  ({ event }: Delivery) =>
    handleView(ctx, event);

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
