import type { Queryable } from '../../db/connection.js';
import {
  findSettingsOf,
  findVideoLengths,
  type HistoryChange,
  type HistoryKey,
  holdEntries,
  writeEntries,
} from '../../db/watch-history.js';
import {
  type HeldProgress,
  type PlaybackReport,
  progressAfter,
  supersedes,
} from '../../domain/watch-progress.js';

export interface WatchProgressInput extends HistoryKey {
  /** In the order they were delivered: applied one after the other, as if one by one. */
  reports: readonly PlaybackReport[];
}

const viewerKey = (k: { tenantId: string; viewerId: string }) =>
  JSON.stringify([k.tenantId, k.viewerId]);
const videoKey = (k: { tenantId: string; videoId: string }) =>
  JSON.stringify([k.tenantId, k.videoId]);
const entryKey = (k: HistoryKey) => JSON.stringify([k.tenantId, k.viewerId, k.videoId]);

/** The report that leaves the entry where applying them one by one would, and the new watermark. */
function lastSuperseding(held: HeldProgress, reports: readonly PlaybackReport[]) {
  let watermark = held;
  let applied: PlaybackReport | undefined;
  for (const report of reports) {
    if (!supersedes(watermark, report)) continue;
    applied = report;
    // A report of the same session sent later may arrive first: the entry's time never goes back.
    const at = Math.max(report.receivedAt.getTime(), watermark.receivedAt.getTime());
    watermark = { sessionId: report.sessionId, seq: report.seq, receivedAt: new Date(at) };
  }
  return applied && { applied, watermark };
}

/**
 * Applies viewers' playback reports to their history entries, under the entries' row locks, in
 * a few statements however many entries and reports there are, inside the caller's transaction.
 * A paused history, a report older than the last clear and a report that does not supersede the
 * one held change nothing, so redelivered, duplicate and late reports are harmless.
 */
export async function applyWatchProgress(tx: Queryable, inputs: readonly WatchProgressInput[]) {
  if (inputs.length === 0) return;
  const settings = new Map(
    (await findSettingsOf(tx, inputs)).map((s) => [viewerKey(s), s] as const),
  );
  const wanted = inputs
    .map((input) => {
      const setting = settings.get(viewerKey(input));
      if (setting?.paused) return undefined;
      const clearedAt = setting?.clearedAt;
      const reports = input.reports.filter((r) => !clearedAt || r.receivedAt > clearedAt);
      return reports.length > 0 ? { ...input, reports } : undefined;
    })
    .filter((input) => input !== undefined);
  const lengths = new Map(
    (await findVideoLengths(tx, wanted)).map((v) => [videoKey(v), v.durationSec] as const),
  );
  const known = wanted.filter((input) => lengths.has(videoKey(input)));
  const held = new Map((await holdEntries(tx, known)).map((row) => [entryKey(row), row]));
  const changes: (HistoryKey & HistoryChange)[] = [];
  for (const input of known) {
    const row = held.get(entryKey(input));
    if (!row) throw new Error('history entry vanished while held');
    const moved = lastSuperseding({ ...row, receivedAt: row.updatedAt }, input.reports);
    if (!moved) continue;
    changes.push({
      tenantId: input.tenantId,
      viewerId: input.viewerId,
      videoId: input.videoId,
      ...progressAfter(moved.applied, lengths.get(videoKey(input)) ?? null),
      sessionId: moved.applied.sessionId,
      seq: moved.applied.seq,
      updatedAt: moved.watermark.receivedAt,
    });
  }
  await writeEntries(tx, changes);
}
