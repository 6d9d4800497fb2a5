import type { ControlledPlayer } from './controlled-player.js';

/** Picture-in-picture toggle, hidden where the browser (or the page's policy) doesn't allow it. */
export class PictureInPictureButton {
  readonly #button: HTMLButtonElement;

  constructor(root: ShadowRoot, player: ControlledPlayer, video: HTMLVideoElement) {
    this.#button = root.querySelector<HTMLButtonElement>('.pip-button') as HTMLButtonElement;
    const document = player.ownerDocument;
    this.#button.hidden = !(document.pictureInPictureEnabled && !video.disablePictureInPicture);
    this.#button.addEventListener(
      'click',
      () => void player.togglePictureInPicture().catch(() => undefined),
    );
    const update = () => {
      const on = document.pictureInPictureElement === video;
      this.#button.setAttribute(
        'aria-label',
        on ? 'Exit picture in picture' : 'Picture in picture',
      );
      this.#button.setAttribute('aria-pressed', String(on));
    };
    video.addEventListener('enterpictureinpicture', update);
    video.addEventListener('leavepictureinpicture', update);
    update();
  }
}
