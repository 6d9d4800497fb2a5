/** Where the playhead is against a live stream's edge, as the player shows it. */
export interface LivePosition {
  /** Seconds behind the live edge. */
  latency: number;
  /** Close enough to the edge to call it live; otherwise the "go live" button shows. */
  atEdge: boolean;
}

/** What the engine knows about the live playlist, in seconds. */
export interface LiveEdgeReading {
  /** The playhead's distance from the playlist's edge (hls.js `latency`); null before any. */
  latency: number | null;
  /** How far behind the engine means to play (the playlist's hold-back); null when unknown. */
  targetLatency: number | null;
  /** The playlist's segment target duration. */
  segmentTarget: number;
}

/**
 * A player sits about one hold-back behind the edge and drifts by up to a segment as playlists
 * arrive, so "at the edge" allows a segment (two seconds at least) beyond the target; only a
 * viewer who paused or sought back is further.
 */
export function livePosition(reading: LiveEdgeReading): LivePosition | undefined {
  const { latency, targetLatency, segmentTarget } = reading;
  if (latency === null || !Number.isFinite(latency) || latency <= 0) return undefined;
  const tolerance = Math.max(2, segmentTarget);
  return { latency, atEdge: latency <= (targetLatency ?? 0) + tolerance };
}

/** "1.4 s behind live" for the latency readout. */
export function latencyLabel(latency: number): string {
  return `${latency.toFixed(1)} s behind live`;
}
