import type { ControlledPlayer } from './controlled-player.js';
import { MenuButton } from './menu-button.js';

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

const rateLabel = (rate: number) => (rate === 1 ? 'Normal' : `${rate}×`);

/** Playback speed; follows `playbackRate` changes made by the page too. */
export class SpeedMenu {
  readonly #menu: MenuButton;
  readonly #player: ControlledPlayer;

  constructor(wrap: HTMLElement, player: ControlledPlayer) {
    this.#player = player;
    this.#menu = new MenuButton(wrap, {
      name: 'speed',
      label: 'Playback speed',
      onSelect: (value) => {
        player.playbackRate = Number(value);
      },
    });
    player.addEventListener('ratechange', () => this.update());
    this.update();
  }

  update(): void {
    const rate = this.#player.playbackRate;
    const rates: number[] = [...PLAYBACK_RATES];
    if (!rates.includes(rate)) rates.push(rate);
    this.#menu.setOptions(
      rates
        .sort((a, b) => a - b)
        .map((value) => ({ value: String(value), label: rateLabel(value) })),
      String(rate),
    );
    this.#menu.setButtonText(`${rate}×`, rateLabel(rate));
  }

  close(): void {
    this.#menu.close(false);
  }

  get isOpen(): boolean {
    return this.#menu.isOpen;
  }
}
