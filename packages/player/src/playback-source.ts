import type { RenditionLevel } from './level-labels.js';
import type { LivePosition } from './live-edge.js';
import type { PlaybackEngine } from './playback-engine.js';
import type { PlaybackError } from './playback-errors.js';

/** What a playback engine tells the element about. */
export interface PlaybackSourceListener {
  /** Playback can't go on (after the engine's own retries); the element decides what to show. */
  onFailure(error: PlaybackError): void;
  /** The rendition list, the chosen level or the level being played changed. */
  onLevelsChanged(): void;
  /** A live stream's playlist closed (`EXT-X-ENDLIST`): the session is over. */
  onLiveEnded(): void;
}

export interface PlaybackSourceOptions {
  manifestUrl: string;
  /** Seconds to start from (a resume after a token change or a retry, or `start-time`). */
  startAt?: number;
  /** False for `preload="none"`: nothing is fetched until `startLoad()`. */
  autoLoad: boolean;
  /** A live stream: join at its edge in low-latency mode rather than from the start. */
  live?: boolean;
  listener: PlaybackSourceListener;
}

/** A live stream's edge, where the engine can tell. */
export interface LiveEdge {
  /** Where the playhead is against the edge; undefined until the engine has a playlist. */
  readonly position: LivePosition | undefined;
  /** Jumps to where the engine plays a live stream from (its hold-back behind the edge). */
  seekToEdge(): void;
}

/** One loaded video on one engine; a new manifest URL means a new source. */
export interface PlaybackSource {
  readonly engine: PlaybackEngine;
  /** Renditions that can be chosen; empty where the engine picks on its own (native HLS). */
  readonly levels: readonly RenditionLevel[];
  /** The chosen rendition index, or -1 for automatic selection. */
  selectedLevel: number;
  /** The rendition playing now, or -1 when unknown. */
  readonly playingLevel: number;
  /** Set for a live stream on an engine that knows its edge (hls.js). */
  readonly live?: LiveEdge;
  /** Starts fetching when `preload="none"` held it back; the first `play()` calls it. */
  startLoad(): void;
  /**
   * Moves the stream onto a new token without interrupting it: asks `manifestUrl` (which carries the
   * token) for fresh stream signatures and uses them on every later request. Resolves to false when
   * the API refused the token or the engine can't (native HLS): the next refusal then reloads.
   */
  renewAccess?(manifestUrl: string): Promise<boolean>;
  /** Stops fetching but keeps the picture and position (nothing more will load without access). */
  stop(): void;
  destroy(): void;
}
