import type { components } from './openapi.gen.js';

/** What the reporter reads of a `<video>`: its clock and whether it plays. */
export interface WatchedMedia extends EventTarget {
  readonly currentTime: number;
  readonly paused: boolean;
}

/** Seconds of watching before a view counts, as on other video sites. */
export const VIEW_AFTER_SEC = 5;
/** Seconds of playing between two heartbeats. */
export const HEARTBEAT_EVERY_SEC = 10;
/** A larger jump between two time updates is a seek, not watching. */
const MAX_STEP_SEC = 1.5;

/** One report, as `POST /v1/videos/{id}/views` takes it. */
export type PlaybackReport = components['schemas']['ViewHeartbeat'];

export type SendReport = (
  url: string,
  report: PlaybackReport,
  viewerToken: string | undefined,
) => Promise<void>;

/** `keepalive`, so the report of a page being hidden or closed still leaves. */
const postReport: SendReport = (url, report, viewerToken) =>
  fetch(url, {
    method: 'POST',
    keepalive: true,
    headers: {
      'content-type': 'application/json',
      ...(viewerToken && { authorization: `Bearer ${viewerToken}` }),
    },
    body: JSON.stringify(report),
  }).then(
    () => undefined,
    () => undefined,
  );

/**
 * Reports one load's playback: `start` once the viewer has actually watched `VIEW_AFTER_SEC`
 * (played time, not wall time, so a paused or seeking player counts nothing; this is when the
 * view counts), then a `heartbeat` every `HEARTBEAT_EVERY_SEC` of playing and on pause, seek and
 * page hide, and `complete` at the end; the one at a seek's end says where it left (`from_sec`),
 * and each names the rendition playing. One session id per load and a `seq` that counts up, so
 * the server ignores duplicates and late arrivals; with a viewer token the reports build the
 * viewer's watch history.
 */
export class PlaybackReporter {
  readonly #media: WatchedMedia;
  readonly #viewerToken: () => string | undefined;
  readonly #rendition: () => string | undefined;
  readonly #send: SendReport;
  #url: string | undefined;
  #sessionId = '';
  #seq = 0;
  #watchedSec = 0;
  #sinceReportSec = 0;
  #lastTime: number | undefined;
  /** Where the playhead was when a seek began, for the report sent when it ends. */
  #seekFrom: number | undefined;
  #started = false;

  constructor(
    media: WatchedMedia,
    viewerToken: () => string | undefined = () => undefined,
    rendition: () => string | undefined = () => undefined,
    send: SendReport = postReport,
  ) {
    this.#media = media;
    this.#viewerToken = viewerToken;
    this.#rendition = rendition;
    this.#send = send;
    media.addEventListener('timeupdate', () => this.#onTime());
    media.addEventListener('seeking', () => {
      // Scrubbing fires several seeks: the play ended where the first one began.
      this.#seekFrom ??= this.#lastTime;
      this.#lastTime = undefined;
    });
    media.addEventListener('seeked', () => {
      this.#report('heartbeat', this.#seekFrom);
      this.#seekFrom = undefined;
    });
    media.addEventListener('pause', () => this.#report('heartbeat'));
    media.addEventListener('ended', () => this.#report('complete'));
  }

  /** A new load: a new session, toward `url` (or nowhere, when playback is not reported). */
  start(url: string | undefined): void {
    this.#url = url;
    this.#sessionId = globalThis.crypto.randomUUID();
    this.#seq = 0;
    this.#watchedSec = 0;
    this.#sinceReportSec = 0;
    this.#lastTime = undefined;
    this.#seekFrom = undefined;
    this.#started = false;
  }

  /** The same load under a renewed token: the session goes on, sent with the new token. */
  renew(url: string | undefined): void {
    this.#url = url;
  }

  /** Where the viewer is now, for a page about to be hidden or closed. */
  flush(): void {
    this.#report('heartbeat');
  }

  #onTime(): void {
    const now = this.#media.currentTime;
    if (!this.#media.paused && this.#lastTime !== undefined) {
      const step = now - this.#lastTime;
      if (step > 0 && step < MAX_STEP_SEC) {
        this.#watchedSec += step;
        this.#sinceReportSec += step;
      }
    }
    this.#lastTime = now;
    if (!this.#started && this.#url && this.#watchedSec >= VIEW_AFTER_SEC) {
      this.#started = true;
      this.#report('start');
    } else if (this.#sinceReportSec >= HEARTBEAT_EVERY_SEC) {
      this.#report('heartbeat');
    }
  }

  /** `fromSec`: at the end of a seek, where it left, so the play up to there counts exactly. */
  #report(event: PlaybackReport['event'], fromSec?: number): void {
    if (!this.#started || !this.#url) return;
    this.#sinceReportSec = 0;
    const seq = this.#seq;
    this.#seq += 1;
    const rendition = this.#rendition();
    void this.#send(
      this.#url,
      {
        event,
        position_sec: Math.max(0, this.#media.currentTime),
        session_id: this.#sessionId,
        seq,
        client_ts: new Date().toISOString(),
        ...(fromSec !== undefined && { from_sec: Math.max(0, fromSec) }),
        ...(rendition !== undefined && { rendition }),
      },
      this.#viewerToken(),
    );
  }
}
