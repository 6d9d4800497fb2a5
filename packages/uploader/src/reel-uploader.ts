import { ReelUploadError, toUploadError } from './errors.js';
import { formatBytes, formatDuration, type UploadProgress } from './progress.js';
import { createUploader, type Uploader, type UploaderEventMap } from './uploader.js';
import { UPLOADER_STYLES } from './uploader-styles.js';

/** What `createUpload` returns: the upload the tenant's server created for this file. */
export interface CreatedUpload {
  uploadId: string;
  uploadToken: string;
  /** Defaults to the element's `api-url`. */
  apiUrl?: string;
}

/**
 * Asks the page's own server to create the upload for a file the user picked (the server calls
 * `POST /v1/uploads` with its API key). Throw `{code?, message, status?}` to show a refusal.
 */
export type CreateUpload = (file: File) => Promise<CreatedUpload>;

const TEMPLATE = `
<style>${UPLOADER_STYLES}</style>
<div class="dropzone" part="dropzone" role="group" aria-labelledby="prompt">
  <span id="prompt" part="prompt"><slot name="prompt">Drag and drop a video here, or</slot></span>
  <input class="file-input" id="file" type="file" part="input" />
  <label class="choose" for="file" part="choose-button"><slot name="choose">Choose a file</slot></label>
</div>
<div class="transfer" part="transfer" hidden>
  <span class="filename" part="filename"></span>
  <progress part="progress" max="100" value="0" aria-label="Upload progress"></progress>
  <span class="stats" part="stats" role="status" aria-live="polite"></span>
  <div class="actions" part="actions">
    <button type="button" class="pause" part="pause-button" aria-pressed="false">Pause</button>
    <button type="button" class="cancel" part="cancel-button">Cancel</button>
  </div>
</div>
<p class="error" part="error" role="alert" hidden></p>
`;

type Forwarded = keyof UploaderEventMap;
const FORWARDED: Forwarded[] = [
  'start',
  'progress',
  'part',
  'checksum',
  'paused',
  'resumed',
  'retrying',
  'complete',
  'error',
  'canceled',
];

/**
 * `<reel-uploader api-url upload-id upload-token>`: a file input with drag and drop, a progress bar
 * with speed and time left, pause/resume and cancel. Every uploader event is re-dispatched from the
 * element as a CustomEvent (`progress`, `part`, `complete`, `error`, `paused`, `resumed`, …).
 */
export class ReelUploaderElement extends HTMLElement {
  static observedAttributes = ['accept', 'disabled'];

  /** Set by the page when uploads are created per file (see CreateUpload). */
  createUpload: CreateUpload | undefined;
  #uploader: Uploader | undefined;
  readonly #root: ShadowRoot;
  readonly #els: {
    dropzone: HTMLElement;
    input: HTMLInputElement;
    transfer: HTMLElement;
    filename: HTMLElement;
    progress: HTMLProgressElement;
    stats: HTMLElement;
    pause: HTMLButtonElement;
    cancel: HTMLButtonElement;
    error: HTMLElement;
  };

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    this.#root.innerHTML = TEMPLATE;
    const $ = <T extends HTMLElement>(selector: string) => this.#root.querySelector(selector) as T;
    this.#els = {
      dropzone: $('.dropzone'),
      input: $('.file-input'),
      transfer: $('.transfer'),
      filename: $('.filename'),
      progress: $('progress'),
      stats: $('.stats'),
      pause: $('.pause'),
      cancel: $('.cancel'),
      error: $('.error'),
    };
    const { dropzone, input, pause, cancel } = this.#els;
    input.accept = this.getAttribute('accept') ?? 'video/*';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.upload(file);
      input.value = '';
    });
    dropzone.addEventListener('dragover', (event) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      dropzone.toggleAttribute('data-over', true);
    });
    dropzone.addEventListener('dragleave', () => dropzone.removeAttribute('data-over'));
    dropzone.addEventListener('drop', (event) => {
      event.preventDefault();
      dropzone.removeAttribute('data-over');
      const file = event.dataTransfer?.files?.[0];
      if (file) void this.upload(file);
    });
    pause.addEventListener('click', () => {
      if (this.#uploader?.state === 'paused') this.resume();
      else this.pause();
    });
    cancel.addEventListener('click', () => void this.cancel());
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'accept') this.#els.input.accept = value ?? 'video/*';
    if (name === 'disabled') this.#syncDisabled();
  }

  get apiUrl(): string {
    return this.getAttribute('api-url') ?? '';
  }

  /** The running (or last) uploader, for its state and progress. */
  get uploader(): Uploader | undefined {
    return this.#uploader;
  }

  get state(): string {
    return this.getAttribute('state') ?? 'idle';
  }

  /** Uploads `file`: to the `upload-id` attributes' upload, or one `createUpload` makes for it. */
  async upload(file: File): Promise<void> {
    if (this.#uploader && !['complete', 'error', 'canceled'].includes(this.#uploader.state)) return;
    this.#showError(undefined);
    this.#setState('preparing');
    this.#els.transfer.hidden = false;
    this.#els.filename.textContent = `${file.name} (${formatBytes(file.size)})`;
    this.#els.progress.value = 0;
    this.#els.stats.textContent = 'Preparing…';
    let target: CreatedUpload;
    try {
      target = await this.#target(file);
    } catch (error) {
      this.#fail(asUploadError(error));
      return;
    }
    const uploader = createUploader({
      apiUrl: target.apiUrl ?? this.apiUrl,
      uploadId: target.uploadId,
      uploadToken: target.uploadToken,
      file,
      autoStart: false,
      ...(this.hasAttribute('parallel-parts')
        ? { parallelParts: Number(this.getAttribute('parallel-parts')) || 4 }
        : {}),
    });
    this.#uploader = uploader;
    for (const type of FORWARDED) {
      uploader.on(type, (detail) => {
        this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      });
    }
    uploader.on('statechange', (state) => this.#setState(state));
    uploader.on('progress', (progress) => this.#showProgress(progress));
    uploader.on('start', ({ videoId }) => this.setAttribute('video-id', videoId));
    uploader.on('complete', () => {
      this.#els.stats.textContent = 'Upload complete. Processing the video…';
    });
    uploader.on('retrying', () => {
      this.#els.stats.textContent = 'Connection lost. Retrying…';
    });
    uploader.on('error', (error) => this.#showError(error));
    await uploader.start().catch(() => undefined);
  }

  pause(): void {
    this.#uploader?.pause();
  }

  resume(): void {
    this.#uploader?.resume();
  }

  async cancel(): Promise<void> {
    await this.#uploader?.cancel();
    this.#els.stats.textContent = 'Canceled.';
  }

  disconnectedCallback(): void {
    // Leaving the page keeps the upload resumable on the server; nothing is aborted.
    this.#uploader?.destroy();
  }

  async #target(file: File): Promise<CreatedUpload> {
    if (this.createUpload) return this.createUpload(file);
    const uploadId = this.getAttribute('upload-id');
    const uploadToken = this.getAttribute('upload-token');
    if (!this.apiUrl || !uploadId || !uploadToken) {
      throw new ReelUploadError(
        0,
        'not_configured',
        'This uploader needs api-url, upload-id and upload-token (or a createUpload function).',
      );
    }
    return { uploadId, uploadToken };
  }

  #setState(state: string): void {
    this.setAttribute('state', state);
    const { pause, cancel } = this.#els;
    const paused = state === 'paused';
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    const active = ['uploading', 'paused', 'retrying'].includes(state);
    pause.disabled = !active;
    cancel.disabled = !active && state !== 'preparing';
    this.#syncDisabled();
    if (paused) this.#els.stats.textContent = `Paused at ${this.#els.progress.value.toFixed(0)}%`;
  }

  #syncDisabled(): void {
    const busy = ['preparing', 'uploading', 'paused', 'retrying', 'completing'].includes(
      this.state,
    );
    this.#els.input.disabled = busy || this.hasAttribute('disabled');
  }

  #showProgress(progress: UploadProgress): void {
    const percent = progress.fraction * 100;
    this.#els.progress.value = percent;
    this.#els.progress.setAttribute('aria-valuetext', `${percent.toFixed(0)}%`);
    if (this.state !== 'uploading') return;
    const speed = progress.bytesPerSecond > 0 ? `${formatBytes(progress.bytesPerSecond)}/s` : '–';
    this.#els.stats.textContent = `${formatBytes(progress.bytesUploaded)} of ${formatBytes(
      progress.bytesTotal,
    )} · ${speed} · ${formatDuration(progress.secondsLeft)} left`;
  }

  #fail(error: ReelUploadError): void {
    this.#setState('error');
    this.#showError(error);
    this.dispatchEvent(new CustomEvent('error', { detail: error, bubbles: true, composed: true }));
  }

  #showError(error: ReelUploadError | undefined): void {
    this.#els.error.hidden = !error;
    this.#els.error.textContent = error ? error.message : '';
    if (error) this.setAttribute('error-code', error.code);
    else this.removeAttribute('error-code');
    if (error) this.#els.stats.textContent = 'Upload failed.';
  }
}

/** A refusal from the page's `createUpload` (any `{status?, code?, message}`) as a ReelUploadError. */
function asUploadError(error: unknown): ReelUploadError {
  if (error instanceof ReelUploadError) return error;
  const problem = error as { status?: unknown; code?: unknown; message?: unknown };
  if (problem && typeof problem.message === 'string' && typeof problem.code === 'string') {
    return new ReelUploadError(
      typeof problem.status === 'number' ? problem.status : 0,
      problem.code,
      problem.message,
    );
  }
  return toUploadError(error);
}
