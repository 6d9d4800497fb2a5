import { CaptionsMenu } from './controls/captions-menu.js';
import { FullscreenButton } from './controls/fullscreen-button.js';
import { LiveIndicator, type LivePlayer } from './controls/live-indicator.js';
import { PictureInPictureButton } from './controls/picture-in-picture-button.js';
import { PlayButton } from './controls/play-button.js';
import { QualityMenu } from './controls/quality-menu.js';
import { ResumeChip } from './controls/resume-chip.js';
import { SeekBar } from './controls/seek-bar.js';
import { SpeedMenu } from './controls/speed-menu.js';
import { StatusOverlay } from './controls/status-overlay.js';
import { TimeDisplay } from './controls/time-display.js';
import { VolumeControl } from './controls/volume-control.js';
import { startDashPlayback } from './dash-playback.js';
import { startHlsPlayback } from './hls-playback.js';
import { commandForKey, type FocusContext, type PlayerCommand } from './keyboard-shortcuts.js';
import {
  autoQualityLabel,
  levelLabel,
  type QualityOption,
  qualityOptions,
  renditionName,
} from './level-labels.js';
import type { LivePosition } from './live-edge.js';
import { startNativePlayback } from './native-playback.js';
import { choosePlaybackEngine } from './playback-engine.js';
import {
  livePlaybackError,
  NOT_READY_POLL_MS,
  networkRetryDelay,
  type PlaybackError,
  playbackError,
} from './playback-errors.js';
import { PlaybackReporter } from './playback-reporter.js';
import type { PlaybackSource, PlaybackSourceListener } from './playback-source.js';
import {
  type TokenProvider,
  TokenRefreshScheduler,
  tokenRejectionAction,
} from './playback-token.js';
import { liveManifestUrl, type PlaybackUrls, playbackUrls } from './playback-urls.js';
import { PLAYER_TEMPLATE } from './player-template.js';
import { fetchResumePosition } from './resume-position.js';
import { parseStoryboardVtt, type StoryboardTile } from './storyboard.js';

/** Media events re-dispatched from the element, so a page listens on `<reel-player>` as on `<video>`. */
export const MEDIA_EVENTS = [
  'loadstart',
  'loadedmetadata',
  'loadeddata',
  'canplay',
  'canplaythrough',
  'play',
  'playing',
  'pause',
  'ended',
  'timeupdate',
  'durationchange',
  'progress',
  'seeking',
  'seeked',
  'waiting',
  'stalled',
  'volumechange',
  'ratechange',
  'emptied',
  'resize',
] as const;

/** One rendition as the page sees it. */
export interface PlayerLevel {
  index: number;
  label: string;
  height?: number;
  width?: number;
  bitrate: number;
}

/** `detail` of the `error` event: also readable as `player.error`. */
export type ReelPlayerErrorDetail = PlaybackError;

/** `detail` of the `tokenexpired` event. */
export interface TokenExpiredDetail {
  /** The token the API refused (null when none was set). */
  token: string | null;
  status?: number;
}

/** Controls fade out after this long without pointer or keyboard activity while playing. */
const CONTROLS_IDLE_MS = 2500;

// Server-side rendering imports the module without a DOM; the element is only defined in browsers.
const BaseElement = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export class ReelPlayer extends BaseElement implements LivePlayer {
  static get observedAttributes(): string[] {
    return [
      'video-id',
      'live-stream-id',
      'api-url',
      'token',
      'poster',
      'start-time',
      'muted',
      'autoplay',
      'loop',
      'preload',
      'prefer-playback',
      'format',
    ];
  }

  readonly #root: ShadowRoot;
  readonly #video: HTMLVideoElement;
  readonly #container: HTMLElement;
  readonly #statusOverlay: StatusOverlay;
  readonly #qualityMenu: QualityMenu;
  readonly #speedMenu: SpeedMenu;
  readonly #captionsMenu: CaptionsMenu;
  readonly #seekBar: SeekBar;
  readonly #resumeChip: ResumeChip;
  readonly #liveIndicator: LiveIndicator;

  #source: PlaybackSource | undefined;
  #urls: PlaybackUrls | undefined;
  /** Bumped by every load, so a load overtaken by a newer one (new id, new token) gives up. */
  #loadGeneration = 0;
  #loadQueued = false;
  /** The load in progress, which `play()` waits for so its promise means what it says. */
  #loading: Promise<void> = Promise.resolve();
  #error: PlaybackError | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #networkAttempts = 0;
  /** The viewer (or page) asked to play; a reload after a failure resumes playing only then. */
  #wantsPlayback = false;
  /** The token the current source was loaded with: a 401/403 with a newer one set just reloads. */
  #loadedWithToken: string | null = null;
  readonly #views: PlaybackReporter;
  #tokenProvider: TokenProvider | undefined;
  #providerAskedSinceLoad = false;
  readonly #tokenRefresh = new TokenRefreshScheduler({
    provider: () => this.#tokenProvider,
    onToken: (token) => {
      this.token = token;
    },
    onError: () => {
      // The provider failing leaves the current token in place; its expiry will show not-allowed.
    },
  });
  #storyboard: Promise<readonly StoryboardTile[]> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.innerHTML = PLAYER_TEMPLATE;
    this.#video = this.#root.querySelector('video') as HTMLVideoElement;
    this.#views = new PlaybackReporter(
      this.#video,
      () => this.viewerToken ?? undefined,
      () => renditionName(this.#source?.levels[this.playingLevel]),
    );
    this.#container = this.#root.querySelector('.player') as HTMLElement;

    for (const type of MEDIA_EVENTS) {
      this.#video.addEventListener(type, () => this.dispatchEvent(new Event(type)));
    }
    this.#trackPlaybackState();

    this.#statusOverlay = new StatusOverlay(this.#root, () => this.#retryNow());
    new PlayButton(this.#root, this);
    this.#seekBar = new SeekBar(this.#root, this, () => this.#loadStoryboard());
    this.#resumeChip = new ResumeChip(this.#root, this);
    this.#liveIndicator = new LiveIndicator(this.#root, this);
    new TimeDisplay(this.#root, this);
    new VolumeControl(this.#root, this);
    this.#captionsMenu = new CaptionsMenu(
      this.#root.querySelector('.captions-wrap') as HTMLElement,
      this,
    );
    this.#speedMenu = new SpeedMenu(this.#root.querySelector('.speed-wrap') as HTMLElement, this);
    this.#qualityMenu = new QualityMenu(
      this.#root.querySelector('.quality-wrap') as HTMLElement,
      this,
    );
    new PictureInPictureButton(this.#root, this, this.#video);
    new FullscreenButton(
      this.#root,
      this,
      Boolean(document.fullscreenEnabled || 'webkitEnterFullscreen' in this.#video),
    );

    const textTracks = this.#video.textTracks;
    for (const type of ['addtrack', 'removetrack', 'change']) {
      textTracks.addEventListener(type, () => this.#captionsMenu.update());
    }
    this.#container.addEventListener('keydown', (event) => this.#onKeyDown(event));
    this.#video.addEventListener('click', () => this.#togglePlay());
    this.#video.addEventListener(
      'dblclick',
      () => void this.toggleFullscreen().catch(() => undefined),
    );
    for (const type of ['pointermove', 'pointerdown', 'keydown', 'focusin']) {
      this.#container.addEventListener(type, () => this.#showControls());
    }
    this.#container.addEventListener('pointerleave', () => this.#hideControlsSoon(0));
  }

  connectedCallback(): void {
    this.#queueLoad();
    globalThis.addEventListener('online', this.#onOnline);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisibility);
  }

  disconnectedCallback(): void {
    globalThis.removeEventListener('online', this.#onOnline);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisibility);
    // Moving the element in the DOM disconnects and reconnects it at once: keep playing then.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#loadGeneration += 1;
      this.#clearRetry();
      this.#tokenRefresh.cancel();
      this.#liveIndicator.stop();
      this.#source?.destroy();
      this.#source = undefined;
    });
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value) return;
    switch (name) {
      case 'video-id':
      case 'live-stream-id':
      case 'api-url':
      case 'prefer-playback':
      case 'format':
        this.#wantsPlayback = this.autoplay;
        this.#queueLoad();
        break;
      case 'token':
        this.#onTokenChanged();
        break;
      case 'poster':
        this.#video.poster = value ?? this.#urls?.thumbnail('medium') ?? '';
        break;
      case 'muted':
        this.#video.muted = value !== null;
        this.#video.defaultMuted = value !== null;
        break;
      case 'autoplay':
        this.#video.autoplay = value !== null;
        break;
      case 'loop':
        this.#video.loop = value !== null;
        break;
      case 'preload':
        this.#video.preload = (value ?? 'auto') as HTMLVideoElement['preload'];
        break;
    }
  }

  // ---- attributes as properties -------------------------------------------------------------

  get videoId(): string | null {
    return this.getAttribute('video-id');
  }
  set videoId(value: string | null) {
    this.#setOrRemove('video-id', value);
  }
  /** A live stream to play instead of a video (it wins when both are set). */
  get liveStreamId(): string | null {
    return this.getAttribute('live-stream-id');
  }
  set liveStreamId(value: string | null) {
    this.#setOrRemove('live-stream-id', value);
  }
  get apiUrl(): string | null {
    return this.getAttribute('api-url');
  }
  set apiUrl(value: string | null) {
    this.#setOrRemove('api-url', value);
  }
  get token(): string | null {
    return this.getAttribute('token');
  }
  set token(value: string | null) {
    this.#setOrRemove('token', value);
  }
  /** A viewer token your server signed: playback reports then build the viewer's history. */
  get viewerToken(): string | null {
    return this.getAttribute('viewer-token');
  }
  set viewerToken(value: string | null) {
    this.#setOrRemove('viewer-token', value);
  }
  get poster(): string {
    return this.#video.poster;
  }
  set poster(value: string | null) {
    this.#setOrRemove('poster', value);
  }
  get startTime(): number {
    const value = Number(this.getAttribute('start-time'));
    return Number.isFinite(value) && value > 0 ? value : 0;
  }
  set startTime(value: number) {
    this.setAttribute('start-time', String(value));
  }
  get autoplay(): boolean {
    return this.hasAttribute('autoplay');
  }
  set autoplay(value: boolean) {
    this.toggleAttribute('autoplay', value);
  }
  get loop(): boolean {
    return this.hasAttribute('loop');
  }
  set loop(value: boolean) {
    this.toggleAttribute('loop', value);
  }
  get preload(): string {
    return this.getAttribute('preload') ?? 'auto';
  }
  set preload(value: string) {
    this.setAttribute('preload', value);
  }

  /**
   * Called shortly before the current token's `exp` (and once after a 401/403) for a fresh token;
   * the player then carries on from where it is.
   */
  get tokenProvider(): TokenProvider | undefined {
    return this.#tokenProvider;
  }
  set tokenProvider(provider: TokenProvider | undefined) {
    this.#tokenProvider = provider;
    this.#tokenRefresh.schedule(this.token);
  }

  // ---- HTMLMediaElement-like API --------------------------------------------------------------

  async play(): Promise<void> {
    this.#wantsPlayback = true;
    if (this.#loadQueued) await Promise.resolve(); // let attributes set in the same task load first
    await this.#loading;
    if (!this.#source) {
      // Remembered: a video that becomes ready (or a token that arrives) starts playing then.
      throw new DOMException(this.#error?.message ?? 'No video to play', 'NotSupportedError');
    }
    this.#source.startLoad();
    return this.#video.play();
  }
  pause(): void {
    this.#wantsPlayback = false;
    this.#video.pause();
  }
  /** Loads the video again from the start (as `HTMLMediaElement.load()`). */
  load(): void {
    this.#video.currentTime = 0;
    void this.#load();
  }
  get currentTime(): number {
    return this.#video.currentTime;
  }
  set currentTime(seconds: number) {
    const duration = this.#video.duration;
    this.#video.currentTime = Math.max(
      0,
      Number.isFinite(duration) ? Math.min(seconds, duration) : seconds,
    );
  }
  get duration(): number {
    return this.#video.duration;
  }
  get paused(): boolean {
    return this.#video.paused;
  }
  get ended(): boolean {
    return this.#video.ended;
  }
  get seeking(): boolean {
    return this.#video.seeking;
  }
  get readyState(): number {
    return this.#video.readyState;
  }
  get muted(): boolean {
    return this.#video.muted;
  }
  set muted(value: boolean) {
    this.#video.muted = value;
  }
  get volume(): number {
    return this.#video.volume;
  }
  set volume(value: number) {
    this.#video.volume = Math.min(1, Math.max(0, value));
  }
  get playbackRate(): number {
    return this.#video.playbackRate;
  }
  set playbackRate(value: number) {
    this.#video.playbackRate = value;
  }
  get buffered(): TimeRanges {
    return this.#video.buffered;
  }
  get textTracks(): TextTrackList {
    return this.#video.textTracks;
  }
  get videoWidth(): number {
    return this.#video.videoWidth;
  }
  get videoHeight(): number {
    return this.#video.videoHeight;
  }
  /** Why playback stopped, in the player's terms; null while all is well. */
  get error(): PlaybackError | null {
    return this.#error;
  }

  // ---- live ----------------------------------------------------------------------------------

  /** A live stream is loaded (`live-stream-id`). */
  get isLive(): boolean {
    return this.liveStreamId !== null;
  }
  /** Seconds behind the live edge and whether that counts as live; undefined before playback. */
  get livePosition(): LivePosition | undefined {
    return this.isLive ? this.#source?.live?.position : undefined;
  }
  /** Back to the live edge (playing), from a pause or a seek into the DVR window. */
  seekToLiveEdge(): void {
    this.#source?.live?.seekToEdge();
    void this.play().catch(() => undefined);
  }

  // ---- renditions ----------------------------------------------------------------------------

  /** `hls.js` (MSE) or `native`, once a video is loading. */
  get engine(): string | undefined {
    return this.#source?.engine;
  }
  get levels(): PlayerLevel[] {
    const levels = this.#source?.levels ?? [];
    return levels.map((level, index) => ({ index, label: levelLabel(level, levels), ...level }));
  }
  get qualityOptions(): QualityOption[] {
    return qualityOptions(this.#source?.levels ?? []);
  }
  /** The chosen rendition's index in `levels`, or -1 for automatic selection. */
  get currentLevel(): number {
    return this.#source?.selectedLevel ?? -1;
  }
  set currentLevel(level: number) {
    if (!this.#source) return;
    this.#source.selectedLevel = level;
  }
  /** The rendition being played now (automatic selection included), or -1. */
  get playingLevel(): number {
    return this.#source?.playingLevel ?? -1;
  }
  get currentQualityLabel(): string {
    const levels = this.#source?.levels ?? [];
    return autoQualityLabel(levels[this.playingLevel], levels);
  }

  // ---- fullscreen and picture-in-picture --------------------------------------------------

  get isFullscreen(): boolean {
    return document.fullscreenElement === this;
  }
  async toggleFullscreen(): Promise<void> {
    if (this.isFullscreen) return document.exitFullscreen();
    if (document.fullscreenEnabled) return this.requestFullscreen();
    // iOS Safari has no element fullscreen, only the video's own.
    const video = this.#video as HTMLVideoElement & { webkitEnterFullscreen?: () => void };
    video.webkitEnterFullscreen?.();
  }
  async togglePictureInPicture(): Promise<void> {
    if (document.pictureInPictureElement === this.#video) {
      await document.exitPictureInPicture();
    } else {
      await this.#video.requestPictureInPicture();
    }
  }

  // ---- loading ------------------------------------------------------------------------------

  #setOrRemove(name: string, value: string | null): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  /** Attributes usually arrive together (id, url, token): load once, after all of them. */
  #queueLoad(): void {
    if (this.#loadQueued) return;
    this.#loadQueued = true;
    queueMicrotask(() => {
      this.#loadQueued = false;
      if (this.isConnected) void this.#load();
    });
  }

  /** Loads the current video, optionally resuming at a position (after a token change or retry). */
  #load(resume?: { at: number; play: boolean }): Promise<void> {
    this.#loading = this.#startSource(resume);
    return this.#loading;
  }

  async #startSource(resume?: { at: number; play: boolean }): Promise<void> {
    const generation = ++this.#loadGeneration;
    this.#clearRetry();
    this.#source?.destroy();
    this.#source = undefined;
    this.#qualityMenu.update();
    this.#liveIndicator.reset();
    const liveStreamId = this.liveStreamId;
    const videoId = liveStreamId ? null : this.videoId;
    const apiUrl = this.apiUrl;
    if ((!videoId && !liveStreamId) || !apiUrl) return;

    if (!resume) {
      this.#setError(null);
      this.#storyboard = undefined;
      this.#seekBar.reset();
      this.#networkAttempts = 0;
    }
    const token = this.token;
    // A live stream has no views, thumbnails or storyboard routes: only its manifest.
    const urls = videoId ? playbackUrls(apiUrl, videoId, token) : undefined;
    this.#urls = urls;
    this.#loadedWithToken = token;
    this.#tokenRefresh.schedule(token);
    // A reload in place (a new token) goes on counting the same view.
    const viewsUrl = this.hasAttribute('no-view-count') ? undefined : urls?.views;
    if (resume) this.#views.renew(viewsUrl);
    else this.#views.start(viewsUrl);
    this.#video.poster = this.getAttribute('poster') ?? urls?.thumbnail('medium') ?? '';

    const mediaSource = 'MediaSource' in globalThis || 'ManagedMediaSource' in globalThis;
    // `format="dash"` plays the MPD through dash.js where Media Source Extensions exist.
    const dash = urls !== undefined && this.getAttribute('format') === 'dash' && mediaSource;
    const engine = dash
      ? 'dash.js'
      : choosePlaybackEngine({
          nativeHls: this.#video.canPlayType('application/vnd.apple.mpegurl') !== '',
          mediaSource,
          appleWebKit: /apple/i.test(navigator.vendor ?? ''),
          preference: this.getAttribute('prefer-playback') as 'native' | 'mse' | null,
        });
    if (engine === 'none') {
      this.#setError(playbackError('unsupported', { retrying: false }));
      return;
    }
    const listener: PlaybackSourceListener = {
      onFailure: (error) => {
        if (generation === this.#loadGeneration) this.#onFailure(error);
      },
      onLevelsChanged: () => {
        if (generation !== this.#loadGeneration) return;
        this.#qualityMenu.update();
        this.dispatchEvent(new Event('levelschange'));
      },
      onLiveEnded: () => {
        if (generation !== this.#loadGeneration) return;
        // Whoever was watching has played to the end by now (the session closes a reconnect
        // window after the publisher left); a late viewer gets the message, not a replay.
        this.#wantsPlayback = false;
        this.#video.pause();
        this.#setError(playbackError('live_ended'));
      },
    };
    // A reload in place keeps the chip as it was; a new load says whether it resumed.
    const resumedAt = resume || !videoId ? undefined : await this.#resumePosition(apiUrl, videoId);
    if (generation !== this.#loadGeneration) return;
    if (!resume) this.#resumeChip.show(resumedAt);
    const startAt = resume?.at ?? resumedAt ?? this.startTime;
    const options = {
      manifestUrl: urls
        ? dash
          ? urls.dash
          : urls.manifest
        : liveManifestUrl(apiUrl, liveStreamId ?? '', token),
      startAt,
      autoLoad: this.preload !== 'none' || this.#wantsPlayback || resume !== undefined,
      live: urls === undefined,
      listener,
    };
    let source: PlaybackSource;
    try {
      if (engine === 'native') source = startNativePlayback(this.#video, options);
      else if (engine === 'dash.js') source = await startDashPlayback(this.#video, options);
      else source = await startHlsPlayback(this.#video, options);
    } catch {
      // The hls.js chunk itself could not be fetched: a network problem like any other.
      if (generation === this.#loadGeneration) this.#onFailure(playbackError('network'));
      return;
    }
    if (generation !== this.#loadGeneration) {
      source.destroy();
      return;
    }
    this.#source = source;
    if (resume?.play || this.#wantsPlayback) {
      void this.#video.play().catch(() => undefined);
    }
  }

  /**
   * Where the viewer stopped last time, for a new load with a viewer token and neither
   * `start-time` nor `no-resume`; otherwise undefined, and the load starts at `start-time`.
   */
  async #resumePosition(apiUrl: string, videoId: string): Promise<number | undefined> {
    const viewerToken = this.viewerToken;
    if (this.hasAttribute('start-time') || !viewerToken || this.hasAttribute('no-resume')) {
      return undefined;
    }
    return fetchResumePosition(apiUrl, videoId, viewerToken);
  }

  /** Loads again from where the viewer was, keeping play/pause as it was. */
  #reloadInPlace(): void {
    const at = this.#video.currentTime || this.startTime;
    const play = this.#wantsPlayback || !this.#video.paused;
    void this.#load({ at, play });
  }

  #onTokenChanged(): void {
    this.#tokenRefresh.schedule(this.token);
    if (!this.isConnected || !(this.videoId || this.liveStreamId)) return;
    // Access refused: reload with the new token where the viewer was. Nothing loaded yet: load.
    // Otherwise the stream keeps going and moves onto the new token in the background.
    if (this.#error?.code === 'not_allowed') this.#reloadInPlace();
    else if (!this.#source) this.#queueLoad();
    else void this.#renewAccess();
  }

  /**
   * Hands the playing stream the new token's signatures before the old ones expire, so nothing
   * stops. Where that can't be done (native HLS, a refused token), the next 401 reloads in place.
   */
  async #renewAccess(): Promise<void> {
    const source = this.#source;
    const { token, apiUrl, videoId } = this;
    if (!source?.renewAccess || !token || !apiUrl || !videoId) return;
    const urls = playbackUrls(apiUrl, videoId, token);
    const renewed = await source.renewAccess(urls.manifest);
    if (!renewed || source !== this.#source || token !== this.token) return;
    this.#loadedWithToken = token;
    this.#urls = urls;
    if (!this.hasAttribute('no-view-count')) this.#views.renew(urls.views);
  }

  #onFailure(failure: PlaybackError): void {
    const error = this.isLive ? livePlaybackError(failure) : failure;
    if (error.code === 'not_allowed') {
      const action = tokenRejectionAction({
        currentToken: this.token,
        loadedWithToken: this.#loadedWithToken,
        hasProvider: this.#tokenProvider !== undefined,
        providerAlreadyAsked: this.#providerAskedSinceLoad,
      });
      if (action === 'reload-with-newer-token') {
        this.#reloadInPlace();
        return;
      }
      // Hold the picture where access ended rather than play the buffer on under the message; a
      // new token carries on from here, playing.
      if (!this.#video.paused) {
        this.#wantsPlayback = true;
        this.#video.pause();
      }
      this.#setError(error);
      this.dispatchEvent(
        new CustomEvent<TokenExpiredDetail>('tokenexpired', {
          detail: {
            token: this.token,
            ...(error.status !== undefined && { status: error.status }),
          },
        }),
      );
      if (action === 'ask-provider') {
        this.#providerAskedSinceLoad = true;
        void this.#tokenRefresh.refreshNow();
      }
      return;
    }
    if (error.code === 'network') {
      const delay = networkRetryDelay(this.#networkAttempts);
      if (delay === undefined) {
        this.#setError({ ...error, retrying: false });
        return;
      }
      this.#networkAttempts += 1;
      this.#setError(error);
      this.#retryTimer = setTimeout(() => this.#reloadInPlace(), delay);
      return;
    }
    this.#setError(error);
    if (error.code === 'not_ready' || error.code === 'live_not_started') {
      this.#retryTimer = setTimeout(() => this.#reloadInPlace(), NOT_READY_POLL_MS);
    }
  }

  /** Shows (or clears) the error and fires `error` when it changes. */
  #setError(error: PlaybackError | null): void {
    const changed = error?.code !== this.#error?.code || error?.retrying !== this.#error?.retrying;
    this.#error = error;
    if (!error) {
      this.#statusOverlay.hide();
      return;
    }
    this.#statusOverlay.show(error);
    if (changed)
      this.dispatchEvent(new CustomEvent<ReelPlayerErrorDetail>('error', { detail: error }));
  }

  #clearRetry(): void {
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #retryNow(): void {
    this.#networkAttempts = 0;
    this.#reloadInPlace();
  }

  readonly #onOnline = () => {
    if (this.#error?.code === 'network') this.#retryNow();
  };

  /** A hidden page may never come back (closed, discarded): report where the viewer is now. */
  readonly #onVisibility = () => {
    if (document.visibilityState === 'hidden') this.#views.flush();
  };

  #loadStoryboard(): Promise<readonly StoryboardTile[]> {
    const url = this.#urls?.storyboardVtt;
    if (!url) return Promise.resolve([]);
    this.#storyboard ??= fetch(url)
      .then((response) =>
        response.ok ? response.text() : Promise.reject(new Error('no storyboard')),
      )
      .then((text) => parseStoryboardVtt(text, url));
    this.#storyboard.catch(() => {
      this.#storyboard = undefined; // try again on the next hover
    });
    return this.#storyboard;
  }

  // ---- state shown through data attributes (styled in the shadow root) ------------------------

  #trackPlaybackState(): void {
    const video = this.#video;
    const setFlag = (name: string, on: boolean) => this.#container.toggleAttribute(name, on);
    video.addEventListener('play', () => setFlag('data-paused', false));
    video.addEventListener('pause', () => {
      setFlag('data-paused', true);
      this.#showControls();
    });
    video.addEventListener('ended', () => {
      this.#wantsPlayback = false;
    });
    video.addEventListener('emptied', () => setFlag('data-paused', video.paused));
    for (const type of ['waiting', 'seeking']) {
      video.addEventListener(type, () => setFlag('data-waiting', true));
    }
    for (const type of ['playing', 'seeked', 'canplay', 'pause', 'emptied']) {
      video.addEventListener(type, () => setFlag('data-waiting', video.seeking));
    }
    // Data arriving means the stream works: clear the error and the retry bookkeeping.
    video.addEventListener('loadeddata', () => {
      this.#networkAttempts = 0;
      this.#providerAskedSinceLoad = false;
      this.#setError(null);
    });
  }

  #showControls(): void {
    this.#container.removeAttribute('data-idle');
    this.#hideControlsSoon(CONTROLS_IDLE_MS);
  }

  #hideControlsSoon(delay: number): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      const menuOpen =
        this.#qualityMenu.isOpen || this.#speedMenu.isOpen || this.#captionsMenu.isOpen;
      const focusInControls = this.#root.activeElement?.closest('.controls') != null;
      if (!this.#video.paused && !menuOpen && !focusInControls) {
        this.#container.setAttribute('data-idle', '');
      }
    }, delay);
  }

  // ---- keyboard --------------------------------------------------------------------------------

  #onKeyDown(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    let focus: FocusContext = 'player';
    if (target instanceof Element) {
      if (target.closest('[role="menu"]')) focus = 'menu';
      else if (target.classList.contains('volume-slider')) focus = 'volume-slider';
      else if (target.localName === 'button') focus = 'button';
    }
    const command = commandForKey(event, focus);
    if (!command) return;
    event.preventDefault();
    this.#run(command);
  }

  #togglePlay(): void {
    if (this.paused) void this.play().catch(() => undefined);
    else this.pause();
  }

  #run(command: PlayerCommand): void {
    switch (command.type) {
      case 'toggle-play':
        this.#togglePlay();
        break;
      case 'seek-by':
        this.currentTime = this.currentTime + command.seconds;
        break;
      case 'seek-to-fraction':
        if (Number.isFinite(this.duration)) this.currentTime = this.duration * command.fraction;
        break;
      case 'volume-by':
        this.muted = false;
        this.volume = this.volume + command.delta;
        break;
      case 'toggle-mute':
        this.muted = !this.muted;
        break;
      case 'toggle-fullscreen':
        void this.toggleFullscreen().catch(() => undefined);
        break;
      case 'toggle-captions':
        this.#captionsMenu.toggle();
        break;
    }
  }
}
