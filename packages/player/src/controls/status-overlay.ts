import type { PlaybackError } from '../playback-errors.js';

/**
 * The viewer-facing error panel. It is a live `alert` region, so a screen reader announces why the
 * video stopped; "Try again" appears only when the player has stopped retrying on its own.
 */
export class StatusOverlay {
  readonly #panel: HTMLElement;
  readonly #message: HTMLElement;
  readonly #retry: HTMLButtonElement;
  readonly #container: HTMLElement;

  constructor(root: ShadowRoot, onRetry: () => void) {
    this.#panel = root.querySelector<HTMLElement>('.status') as HTMLElement;
    this.#message = root.querySelector<HTMLElement>('.status-message') as HTMLElement;
    this.#retry = root.querySelector<HTMLButtonElement>('.status-retry') as HTMLButtonElement;
    this.#container = root.querySelector<HTMLElement>('.player') as HTMLElement;
    this.#retry.addEventListener('click', onRetry);
  }

  show(error: PlaybackError): void {
    this.#message.textContent =
      error.retrying && error.code === 'network' ? `${error.message} Retrying…` : error.message;
    // Trying again helps only where the cause may have passed; a new token reloads by itself.
    this.#retry.hidden = error.retrying || !(error.code === 'network' || error.code === 'media');
    this.#panel.hidden = false;
    this.#panel.dataset.code = error.code;
    this.#container.dataset.error = error.code;
  }

  hide(): void {
    this.#panel.hidden = true;
    delete this.#panel.dataset.code;
    delete this.#container.dataset.error;
  }
}
