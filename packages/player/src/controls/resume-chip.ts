import { formatTime, formatTimeForSpeech } from '../time-format.js';
import type { ControlledPlayer } from './controlled-player.js';

/**
 * "Resumed at 1:23 · Start over": says where a signed-in viewer's playback picked up, and lets
 * them restart from the beginning. A polite `status` region, so a screen reader hears it once,
 * in words ("1 minute 23 seconds"), without taking focus from the video.
 */
export class ResumeChip {
  readonly #chip: HTMLElement;
  readonly #text: HTMLElement;
  readonly #spoken: HTMLElement;
  readonly #player: ControlledPlayer;

  constructor(root: ShadowRoot, player: ControlledPlayer) {
    this.#player = player;
    this.#chip = root.querySelector<HTMLElement>('.resume') as HTMLElement;
    this.#text = root.querySelector<HTMLElement>('.resume-text') as HTMLElement;
    this.#spoken = root.querySelector<HTMLElement>('.resume-spoken') as HTMLElement;
    const restart = root.querySelector<HTMLButtonElement>('.resume-restart') as HTMLButtonElement;
    restart.addEventListener('click', () => {
      this.#player.currentTime = 0;
      this.hide();
    });
  }

  /** Shows where playback resumed, or hides the chip for a load that did not resume. */
  show(atSec: number | undefined): void {
    if (atSec === undefined) {
      this.hide();
      return;
    }
    this.#text.textContent = `Resumed at ${formatTime(atSec)}`;
    this.#spoken.textContent = `Resumed at ${formatTimeForSpeech(atSec)}`;
    this.#chip.hidden = false;
  }

  hide(): void {
    this.#chip.hidden = true;
  }
}
