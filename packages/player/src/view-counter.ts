/** What the counter reads of a `<video>`: its clock and whether it plays. */
export interface WatchedMedia extends EventTarget {
  readonly currentTime: number;
  readonly paused: boolean;
}

/** Seconds of watching before a view counts, as on other video sites. */
export const VIEW_AFTER_SEC = 5;
/** A larger jump between two time updates is a seek, not watching. */
const MAX_STEP_SEC = 1.5;

const postView = (url: string) =>
  fetch(url, { method: 'POST', keepalive: true }).then(
    () => undefined,
    () => undefined,
  );

/**
 * Counts a view once the viewer has actually watched `VIEW_AFTER_SEC` of a load: played time,
 * not wall time, so a paused or seeking player counts nothing. One POST per load; the server
 * counts one view per viewer per half hour whatever the player sends.
 */
export class ViewCounter {
  readonly #media: WatchedMedia;
  readonly #send: (url: string) => Promise<void>;
  #url: string | undefined;
  #watchedSec = 0;
  #lastTime: number | undefined;
  #sent = false;

  constructor(media: WatchedMedia, send: (url: string) => Promise<void> = postView) {
    this.#media = media;
    this.#send = send;
    media.addEventListener('timeupdate', () => this.#onTime());
    media.addEventListener('seeking', () => {
      this.#lastTime = undefined;
    });
  }

  /** A new load: counting starts over, toward `url` (or nowhere, when views are not counted). */
  start(url: string | undefined): void {
    this.#url = url;
    this.#watchedSec = 0;
    this.#lastTime = undefined;
    this.#sent = false;
  }

  /** The same load under a renewed token: the count goes on, sent with the new token. */
  renew(url: string | undefined): void {
    this.#url = url;
  }

  #onTime(): void {
    const now = this.#media.currentTime;
    if (!this.#media.paused && this.#lastTime !== undefined) {
      const step = now - this.#lastTime;
      if (step > 0 && step < MAX_STEP_SEC) this.#watchedSec += step;
    }
    this.#lastTime = now;
    if (!this.#sent && this.#url && this.#watchedSec >= VIEW_AFTER_SEC) {
      this.#sent = true;
      void this.#send(this.#url);
    }
  }
}
