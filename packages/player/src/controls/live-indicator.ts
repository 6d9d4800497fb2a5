import { type LivePosition, latencyLabel } from '../live-edge.js';
import type { ControlledPlayer } from './controlled-player.js';

/** The element's live API, as the indicator reads it. */
export interface LivePlayer extends ControlledPlayer {
  readonly isLive: boolean;
  readonly livePosition: LivePosition | undefined;
  seekToLiveEdge(): void;
}

/** The edge moves on while paused, when no `timeupdate` comes: the readout ticks on its own. */
const REFRESH_MS = 500;

/**
 * The LIVE badge, how far behind the edge the viewer is, and "Go live" once they are behind
 * (paused, or sought back into the DVR window). `data-live` and `data-live-edge` on the
 * container style the badge (red at the edge, grey behind) and hide the VOD time readout.
 */
export class LiveIndicator {
  readonly #panel: HTMLElement;
  readonly #latency: HTMLElement;
  readonly #goLive: HTMLButtonElement;
  readonly #container: HTMLElement;
  readonly #player: LivePlayer;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(root: ShadowRoot, player: LivePlayer) {
    this.#player = player;
    this.#panel = root.querySelector<HTMLElement>('.live') as HTMLElement;
    this.#latency = root.querySelector<HTMLElement>('.live-latency') as HTMLElement;
    this.#goLive = root.querySelector<HTMLButtonElement>('.go-live') as HTMLButtonElement;
    this.#container = root.querySelector<HTMLElement>('.player') as HTMLElement;
    this.#goLive.addEventListener('click', () => player.seekToLiveEdge());
    for (const type of ['timeupdate', 'seeked', 'pause', 'play', 'emptied']) {
      player.addEventListener(type, () => this.update());
    }
  }

  /** Called when a load starts: shows the indicator for a live stream, hides it otherwise. */
  reset(): void {
    const live = this.#player.isLive;
    this.#panel.hidden = !live;
    this.#container.toggleAttribute('data-live', live);
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = live ? setInterval(() => this.update(), REFRESH_MS) : undefined;
    this.update();
  }

  update(): void {
    const position = this.#player.isLive ? this.#player.livePosition : undefined;
    const atEdge = position?.atEdge ?? true;
    this.#latency.textContent = position ? latencyLabel(position.latency) : '';
    this.#latency.dataset.seconds = position ? position.latency.toFixed(2) : '';
    this.#goLive.hidden = atEdge;
    this.#container.toggleAttribute('data-live-edge', this.#player.isLive && atEdge);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
