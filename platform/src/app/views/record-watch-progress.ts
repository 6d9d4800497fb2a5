import type { Context } from '../../context.js';
import { findSettings, findVideoLength, holdEntry, writeEntry } from '../../db/watch-history.js';
import {
  type HeldProgress,
  type PlaybackReport,
  progressAfter,
  supersedes,
} from '../../domain/watch-progress.js';

export interface WatchProgressInput {
  tenantId: string;
  viewerId: string;
  videoId: string;
  /** In the order they were delivered: applied one after the other, as if one by one. */
  reports: readonly PlaybackReport[];
}

/**
 * Applies a viewer's playback reports for one video to their history entry, under the entry's
 * row lock, in one transaction however many there are. A paused history, a report older than
 * the last clear and a report that does not supersede the one held change nothing, so
 * redelivered, duplicate and late reports are harmless.
 */
export async function recordWatchProgress(ctx: Context, input: WatchProgressInput) {
  await ctx.database.db.transaction(async (tx) => {
    const settings = await findSettings(tx, input.tenantId, input.viewerId);
    if (settings?.paused) return;
    const clearedAt = settings?.clearedAt;
    const reports = input.reports.filter((r) => !clearedAt || r.receivedAt > clearedAt);
    if (reports.length === 0) return;
    const video = await findVideoLength(tx, input.tenantId, input.videoId);
    if (!video) return;
    const held = await holdEntry(tx, input);
    let watermark: HeldProgress = { ...held, receivedAt: held.updatedAt };
    let applied: PlaybackReport | undefined;
    for (const report of reports) {
      if (!supersedes(watermark, report)) continue;
      applied = report;
      // A report of the same session sent later may arrive first: the entry's time never goes back.
      const at = Math.max(report.receivedAt.getTime(), watermark.receivedAt.getTime());
      watermark = { sessionId: report.sessionId, seq: report.seq, receivedAt: new Date(at) };
    }
    if (!applied) return;
    await writeEntry(tx, input, {
      ...progressAfter(applied, video.durationSec),
      sessionId: applied.sessionId,
      seq: applied.seq,
      updatedAt: watermark.receivedAt,
    });
  });
}
