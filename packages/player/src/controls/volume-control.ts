import { iconSvg } from '../player-icons.js';
import type { ControlledPlayer } from './controlled-player.js';

/** Mute toggle and volume slider; a slider at zero reads as muted, as on every other player. */
export class VolumeControl {
  readonly #button: HTMLButtonElement;
  readonly #slider: HTMLInputElement;
  readonly #player: ControlledPlayer;

  constructor(root: ShadowRoot, player: ControlledPlayer) {
    this.#button = root.querySelector<HTMLButtonElement>('.mute-button') as HTMLButtonElement;
    this.#slider = root.querySelector<HTMLInputElement>('.volume-slider') as HTMLInputElement;
    this.#player = player;
    this.#button.addEventListener('click', () => {
      player.muted = !player.muted;
      if (!player.muted && player.volume === 0) player.volume = 0.5;
    });
    this.#slider.addEventListener('input', () => {
      const volume = Number(this.#slider.value);
      player.volume = volume;
      player.muted = volume === 0;
    });
    // Arrow keys on the slider go through the player's shortcuts (5% steps, same as elsewhere).
    this.#slider.addEventListener('keydown', (event) => {
      if (event.key.startsWith('Arrow')) event.preventDefault();
    });
    player.addEventListener('volumechange', () => this.update());
    this.update();
  }

  update(): void {
    const silent = this.#player.muted || this.#player.volume === 0;
    this.#button.innerHTML = iconSvg(silent ? 'muted' : 'volume');
    this.#button.setAttribute('aria-label', silent ? 'Unmute' : 'Mute');
    const shown = this.#player.muted ? 0 : this.#player.volume;
    this.#slider.value = String(shown);
    this.#slider.style.setProperty('--progress', `${shown * 100}%`);
    this.#slider.style.setProperty('--buffered', `${shown * 100}%`);
    this.#slider.setAttribute('aria-valuetext', `${Math.round(shown * 100)}%`);
  }
}
