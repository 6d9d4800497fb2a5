import type { QualityOption } from '../level-labels.js';

/**
 * The part of `<reel-player>` its controls use: only public API, so a control works the same as a
 * page script driving the element, and controls can be tested against the element alone.
 */
export interface ControlledPlayer extends HTMLElement {
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  readonly ended: boolean;
  muted: boolean;
  volume: number;
  playbackRate: number;
  readonly buffered: TimeRanges | undefined;
  readonly textTracks: TextTrackList | undefined;
  readonly qualityOptions: QualityOption[];
  currentLevel: number;
  readonly currentQualityLabel: string;
  readonly isFullscreen: boolean;
  play(): Promise<void>;
  pause(): void;
  toggleFullscreen(): Promise<void>;
  togglePictureInPicture(): Promise<void>;
}
