import { iconSvg } from '../player-icons.js';
import type { ControlledPlayer } from './controlled-player.js';

/** Fullscreen on the player itself (so the controls come along), hidden where it is unavailable. */
export class FullscreenButton {
  readonly #button: HTMLButtonElement;
  readonly #player: ControlledPlayer;

  constructor(root: ShadowRoot, player: ControlledPlayer, available: boolean) {
    this.#button = root.querySelector<HTMLButtonElement>('.fullscreen-button') as HTMLButtonElement;
    this.#player = player;
    this.#button.hidden = !available;
    this.#button.addEventListener(
      'click',
      () => void player.toggleFullscreen().catch(() => undefined),
    );
    player.ownerDocument.addEventListener('fullscreenchange', () => this.update());
    this.update();
  }

  update(): void {
    const on = this.#player.isFullscreen;
    this.#button.innerHTML = iconSvg(on ? 'exitFullscreen' : 'fullscreen');
    this.#button.setAttribute('aria-label', on ? 'Exit full screen' : 'Full screen');
  }
}
