import { formatTime } from '../time-format.js';
import type { ControlledPlayer } from './controlled-player.js';

/**
 * "0:12 / 1:05". Hidden from screen readers: the seek slider already speaks the same position in
 * words, and a live clock would be announced every second.
 */
export class TimeDisplay {
  readonly #current: HTMLElement;
  readonly #duration: HTMLElement;
  readonly #player: ControlledPlayer;

  constructor(root: ShadowRoot, player: ControlledPlayer) {
    this.#current = root.querySelector<HTMLElement>('.current-time') as HTMLElement;
    this.#duration = root.querySelector<HTMLElement>('.duration') as HTMLElement;
    this.#player = player;
    for (const type of ['timeupdate', 'durationchange', 'seeking', 'emptied']) {
      player.addEventListener(type, () => this.update());
    }
    this.update();
  }

  update(): void {
    const duration = this.#player.duration;
    this.#current.textContent = formatTime(this.#player.currentTime, duration);
    this.#duration.textContent = ` / ${formatTime(duration, duration)}`;
  }
}
