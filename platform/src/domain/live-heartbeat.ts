import type { LiveRenditionIndex } from './live-playlists.js';

/**
 * How long a session may show no sign of life before Reel counts its worker as gone: three
 * segments, and never under 4 s, so a ladder that is only slow under load keeps its session.
 */
export const staleAfterMs = (index: Pick<LiveRenditionIndex, 'segmentTarget'> | null) =>
  Math.max(4000, 3000 * (index?.segmentTarget ?? 4));

/** When the newest stored part was taken in, or null for an index without parts. */
export function newestPartAt(index: LiveRenditionIndex | null): Date | null {
  const last = index?.segments.at(-1);
  if (!last) return null;
  const seconds = last.parts.reduce((sum, part) => sum + part.duration, 0);
  return new Date(Date.parse(last.programDateTime) + seconds * 1000);
}

/**
 * Whether an active session's worker is gone: neither its row's last change (the move to
 * `active`, at the latest) nor its newest part is more recent than the staleness limit.
 */
export function sessionOrphaned(
  changedAt: Date,
  index: LiveRenditionIndex | null,
  now: Date,
): boolean {
  const newest = Math.max(changedAt.getTime(), newestPartAt(index)?.getTime() ?? 0);
  return now.getTime() - newest > staleAfterMs(index);
}
