import type { components } from '../contract/openapi.gen.js';

export type LiveStreamStatus = components['schemas']['LiveStreamStatus'];

/**
 * What happens to a live stream: a publisher connects or leaves, the reconnect window after
 * it left runs out, or the tenant disables it.
 */
export type LiveStreamMove = 'publish' | 'unpublish' | 'window_elapsed' | 'disable';

const NEXT: Record<LiveStreamStatus, Partial<Record<LiveStreamMove, LiveStreamStatus>>> = {
  // From idle a publisher starts (or resumes, within the window) a session.
  idle: { publish: 'active', window_elapsed: 'ended', disable: 'disabled' },
  active: { unpublish: 'idle', disable: 'disabled' },
  // A publisher after the end starts a new session.
  ended: { publish: 'active', disable: 'disabled' },
  disabled: {},
};

/**
 * The status a move leads to, or null when it does not apply (a publisher of a disabled
 * stream, a second leave): callers change nothing then, so every move is idempotent.
 */
export function liveStreamAfter(from: LiveStreamStatus, move: LiveStreamMove) {
  return NEXT[from][move] ?? null;
}
