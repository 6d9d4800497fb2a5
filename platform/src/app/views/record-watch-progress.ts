import type { Context } from '../../context.js';
import { findSettings, findVideoLength, holdEntry, writeEntry } from '../../db/watch-history.js';
import { type PlaybackReport, progressAfter, supersedes } from '../../domain/watch-progress.js';

export interface WatchProgressInput {
  tenantId: string;
  viewerId: string;
  videoId: string;
  report: PlaybackReport;
}

/**
 * Applies one playback report to the viewer's history entry for the video, under the entry's
 * row lock: a paused history, a report older than the last clear and a report that does not
 * supersede the one held change nothing, so redelivered, duplicate and late reports are harmless.
 */
export async function recordWatchProgress(ctx: Context, input: WatchProgressInput) {
  const { report } = input;
  await ctx.database.db.transaction(async (tx) => {
    const settings = await findSettings(tx, input.tenantId, input.viewerId);
    if (settings?.paused) return;
    if (settings?.clearedAt && report.receivedAt <= settings.clearedAt) return;
    const video = await findVideoLength(tx, input.tenantId, input.videoId);
    if (!video) return;
    const held = await holdEntry(tx, input);
    if (!supersedes({ ...held, receivedAt: held.updatedAt }, report)) return;
    await writeEntry(tx, input, {
      ...progressAfter(report, video.durationSec),
      sessionId: report.sessionId,
      seq: report.seq,
      // A report of the same session sent later may arrive first: the entry's time never goes back.
      updatedAt: new Date(Math.max(report.receivedAt.getTime(), held.updatedAt.getTime())),
    });
  });
}
