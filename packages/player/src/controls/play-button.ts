import { iconSvg } from '../player-icons.js';
import type { ControlledPlayer } from './controlled-player.js';

/** The bar's play/pause button and the big centred one shown while paused. */
export class PlayButton {
  readonly #buttons: HTMLButtonElement[];
  readonly #player: ControlledPlayer;

  constructor(root: ShadowRoot, player: ControlledPlayer) {
    this.#buttons = [...root.querySelectorAll<HTMLButtonElement>('.play-button, .big-play')];
    this.#player = player;
    for (const button of this.#buttons) {
      button.addEventListener('click', () => {
        if (player.paused) void player.play().catch(() => undefined);
        else player.pause();
      });
    }
    for (const type of ['play', 'pause', 'ended', 'emptied']) {
      player.addEventListener(type, () => this.update());
    }
    this.update();
  }

  update(): void {
    const paused = this.#player.paused;
    for (const button of this.#buttons) {
      button.innerHTML = iconSvg(paused ? 'play' : 'pause');
      button.setAttribute('aria-label', paused ? 'Play' : 'Pause');
    }
  }
}
