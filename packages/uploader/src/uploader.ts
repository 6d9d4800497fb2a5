import AwsS3, { type AwsS3Part } from '@uppy/aws-s3';
import Uppy, { type UppyFile } from '@uppy/core';
import { type CompletedVideo, UploadApi, type UploadInfo } from './api-client.js';
import { sha256Hex } from './checksum.js';
import { ReelUploadError, toUploadError } from './errors.js';
import { backoffDelays, partSizeOf, SignedUrlCache } from './parts.js';
import { ProgressMeter, type UploadProgress } from './progress.js';

export interface UploaderOptions {
  /** Reel's API, e.g. `https://video.example.com`. */
  apiUrl: string;
  /** `upload_id` from the tenant's `POST /v1/uploads`. */
  uploadId: string;
  /** `upload_token` from the same answer: it drives this one upload and nothing else. */
  uploadToken: string;
  /** The file the upload was created for (same size). */
  file: Blob;
  /** Parts sent at the same time (default 4). */
  parallelParts?: number;
  /** Delays (ms) between attempts at one request; default: exponential backoff with jitter, 8 tries. */
  retryDelays?: number[];
  /**
   * After the per-request retries are spent on a network failure, the whole upload resumes from the
   * parts stored on the server up to this many times (default 20), waiting for the browser to come
   * back online or backing off up to 30 s.
   */
  maxResumes?: number;
  /** Starts at once (default true); otherwise call `start()`. */
  autoStart?: boolean;
  /** Bytes hashed per slice (default 8 MiB). */
  checksumSliceBytes?: number;
  /** A fetch for the API calls (tests, proxies). Part bytes go by XMLHttpRequest, for progress. */
  fetch?: typeof fetch;
}

export type UploaderState =
  | 'idle'
  | 'preparing'
  | 'uploading'
  | 'paused'
  | 'retrying'
  | 'completing'
  | 'complete'
  | 'error'
  | 'canceled';

export interface UploadStartDetail {
  uploadId: string;
  videoId: string;
  partSizeBytes: number;
  partCount: number;
  /** Parts already on the server when this run started (a resume). */
  storedParts: number;
}

export interface UploadPartDetail {
  partNumber: number;
  sizeBytes: number;
  etag: string;
}

export interface UploadCompleteDetail {
  uploadId: string;
  videoId: string;
  sha256: string;
  video: CompletedVideo;
}

export interface UploadRetryDetail {
  attempt: number;
  delayMs: number;
  error: ReelUploadError;
}

export interface UploaderEventMap {
  start: UploadStartDetail;
  progress: UploadProgress;
  part: UploadPartDetail;
  checksum: { sha256: string };
  paused: undefined;
  resumed: undefined;
  retrying: UploadRetryDetail;
  complete: UploadCompleteDetail;
  error: ReelUploadError;
  canceled: undefined;
  statechange: UploaderState;
}

export interface Uploader {
  readonly state: UploaderState;
  /** Known once the upload is read (from the start, before any byte moves). */
  readonly videoId: string | undefined;
  readonly progress: UploadProgress;
  on<K extends keyof UploaderEventMap>(
    type: K,
    listener: (detail: UploaderEventMap[K]) => void,
  ): () => void;
  /** Starts or resumes; settles when the video is processing (or with the error). */
  start(): Promise<UploadCompleteDetail>;
  pause(): void;
  resume(): void;
  /** Stops and aborts the upload on the server (its parts and waiting video are dropped). */
  cancel(): Promise<void>;
  /** Stops without aborting on the server: the upload can be resumed later, from another page. */
  destroy(): void;
}

type Listener = (detail: unknown) => void;

/**
 * A resumable, checksummed browser upload to Reel, on @uppy/core and @uppy/aws-s3 in multipart
 * mode against Reel's upload routes. Resume state lives on the server: every (re)start lists the
 * stored parts and sends only the others, so a reload or another tab needs nothing kept locally.
 */
export function createUploader(options: UploaderOptions): Uploader {
  const uploader = new ReelUploader(options);
  if (options.autoStart !== false) uploader.start().catch(() => undefined);
  return uploader;
}

class ReelUploader implements Uploader {
  readonly #options: UploaderOptions;
  readonly #api: UploadApi;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #urls = new SignedUrlCache();
  readonly #meter: ProgressMeter;
  #state: UploaderState = 'idle';
  #info: UploadInfo | undefined;
  #uppy: Uppy | undefined;
  #fileId: string | undefined;
  #checksum: Promise<string> | undefined;
  #checksumAbort = new AbortController();
  #stored = new Set<number>();
  #run: Promise<UploadCompleteDetail> | undefined;
  #settle:
    | { resolve(detail: UploadCompleteDetail): void; reject(error: unknown): void }
    | undefined;
  #resumes = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #progress: UploadProgress;

  constructor(options: UploaderOptions) {
    for (const key of ['apiUrl', 'uploadId', 'uploadToken'] as const) {
      if (!options[key]) throw new TypeError(`createUploader: \`${key}\` is required`);
    }
    if (!(options.file instanceof Blob))
      throw new TypeError('createUploader: `file` must be a File');
    this.#options = options;
    this.#api = new UploadApi(options.apiUrl, options.uploadId, options.uploadToken, options.fetch);
    this.#meter = new ProgressMeter(options.file.size);
    this.#progress = this.#meter.read(now());
  }

  get state(): UploaderState {
    return this.#state;
  }

  get videoId(): string | undefined {
    return this.#info?.video_id;
  }

  get progress(): UploadProgress {
    return this.#progress;
  }

  on<K extends keyof UploaderEventMap>(
    type: K,
    listener: (detail: UploaderEventMap[K]) => void,
  ): () => void {
    const set = this.#listeners.get(type) ?? new Set();
    this.#listeners.set(type, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  #emit<K extends keyof UploaderEventMap>(type: K, detail: UploaderEventMap[K]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        listener(detail);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #setState(state: UploaderState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit('statechange', state);
  }

  start(): Promise<UploadCompleteDetail> {
    if (this.#run) {
      if (this.#state === 'paused') this.resume();
      return this.#run;
    }
    this.#run = new Promise<UploadCompleteDetail>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#begin().catch((error) => this.#fail(error));
    return this.#run;
  }

  async #begin(): Promise<void> {
    this.#setState('preparing');
    const info = await this.#api.get();
    this.#info = info;
    const file = this.#options.file;
    if (info.status === 'aborted' || info.status === 'failed') {
      throw new ReelUploadError(409, `upload_${info.status}`, `This upload was ${info.status}.`);
    }
    if (file.size !== info.size_bytes) {
      throw new ReelUploadError(
        422,
        'file_mismatch',
        `This file is ${file.size} bytes; the upload was created for ${info.size_bytes} bytes (${info.filename}).`,
        { size_bytes: file.size, expected_size_bytes: info.size_bytes },
      );
    }
    if (info.part_count > 1 && info.part_size_bytes < 5 * 1024 * 1024) {
      throw new ReelUploadError(
        422,
        'part_size_unsupported',
        'Parts must be at least 5 MiB for a multipart upload.',
      );
    }
    if (info.status === 'completed') {
      // Finished earlier (another tab, or before a reload): nothing to send.
      this.#progress = this.#meter.skipTo(file.size, now());
      this.#emit('progress', this.#progress);
      this.#succeed({
        uploadId: info.upload_id,
        videoId: info.video_id,
        sha256: info.sha256 ?? '',
        video: { video_id: info.video_id, status: 'processing' },
      });
      return;
    }
    this.#checksum = sha256Hex(file, {
      signal: this.#checksumAbort.signal,
      ...(this.#options.checksumSliceBytes ? { sliceBytes: this.#options.checksumSliceBytes } : {}),
    }).then((sha256) => {
      if (info.sha256 && info.sha256 !== sha256) {
        throw new ReelUploadError(
          422,
          'checksum_mismatch',
          'This file is not the one the upload was created for: its SHA-256 differs.',
        );
      }
      this.#emit('checksum', { sha256 });
      return sha256;
    });
    // A checksum failure (file unreadable, or the wrong file) stops the upload at once.
    this.#checksum.catch((error) => {
      if (!this.#checksumAbort.signal.aborted) this.#fail(error);
    });
    this.#uppy = this.#createUppy(info);
    this.#setState('uploading');
    this.#launch();
  }

  #createUppy(info: UploadInfo): Uppy {
    const uppy = new Uppy({ autoProceed: false, allowMultipleUploadBatches: true });
    const api = this.#api;
    const retryDelays = this.#options.retryDelays ?? backoffDelays(8);
    uppy.use(AwsS3, {
      shouldUseMultipart: true,
      limit: this.#options.parallelParts ?? 4,
      retryDelays,
      // Exactly the upload's part size: Reel refuses a part of any other size.
      getChunkSize: () => info.part_size_bytes,
      // The upload exists already (the tenant's server created it): hand Uppy its id.
      createMultipartUpload: () => ({ uploadId: info.upload_id, key: info.video_id }),
      listParts: async (_file, { signal }) => {
        const parts = await api.listParts(signal);
        this.#stored = new Set(parts.map((part) => part.part_number));
        const bytes = parts.reduce((sum, part) => sum + part.size_bytes, 0);
        this.#progress = this.#meter.skipTo(bytes, now());
        this.#emit('start', {
          uploadId: info.upload_id,
          videoId: info.video_id,
          partSizeBytes: info.part_size_bytes,
          partCount: info.part_count,
          storedParts: parts.length,
        });
        this.#emit('progress', this.#progress);
        return parts.map(
          (part): AwsS3Part => ({
            PartNumber: part.part_number,
            Size: part.size_bytes,
            ETag: part.etag,
          }),
        );
      },
      signPart: async (_file, { partNumber, signal }) => {
        let url = this.#urls.get(partNumber);
        if (!url) {
          // Sign a few parts ahead in one call; each URL is used until shortly before it expires.
          const batch = this.#urls.batchFrom(partNumber, info.part_count, this.#stored, 16);
          this.#urls.add(await api.signParts(batch, signal));
          url = this.#urls.get(partNumber, 0);
        }
        if (!url) throw new ReelUploadError(500, 'sign_failed', `No URL for part ${partNumber}`);
        return { method: 'PUT', url, headers: { 'content-type': 'application/octet-stream' } };
      },
      uploadPartBytes: async (request) => {
        try {
          return await AwsS3.uploadPartBytes(request);
        } catch (error) {
          const source = (error as { source?: XMLHttpRequest }).source;
          const url = request.signature.url;
          if (source?.status === 403 && /signature_expired|expired/i.test(source.responseText)) {
            // Sign this part again: Uppy retries a 403 "Request has expired" with a fresh signPart.
            this.#urls.dropUrl(url);
            const expired = new Error('Request has expired');
            (expired as { source?: unknown }).source = { status: 403 };
            throw expired;
          }
          if (source && source.status >= 400 && source.status !== 429 && source.status !== 409) {
            this.#urls.dropUrl(url);
          }
          throw error;
        }
      },
      completeMultipartUpload: async (_file, { signal }) => {
        this.#setState('completing');
        const sha256 = await (this.#checksum as Promise<string>);
        const video = await api.complete(sha256, signal);
        this.#completed = { uploadId: info.upload_id, videoId: info.video_id, sha256, video };
        return {
          location: `${this.#options.apiUrl.replace(/\/+$/, '')}/v1/videos/${video.video_id}`,
        };
      },
      // Only `cancel()` aborts on the server; a failed run keeps its parts, ready to resume.
      abortMultipartUpload: async () => undefined,
    });
    uppy.on('upload-progress', (_file, progress) => {
      if (this.#state !== 'uploading' && this.#state !== 'retrying') return;
      this.#progress = this.#meter.update(progress.bytesUploaded ?? 0, now());
      this.#emit('progress', this.#progress);
    });
    uppy.on('s3-multipart:part-uploaded', (_file, part) => {
      this.#stored.add(part.PartNumber);
      if (this.#state === 'retrying') this.#setState('uploading');
      this.#emit('part', {
        partNumber: part.PartNumber,
        sizeBytes: partSizeOf(info.size_bytes, info.part_size_bytes, part.PartNumber),
        etag: part.ETag,
      });
    });
    uppy.on('upload-success', () => {
      if (this.#completed) this.#succeed(this.#completed);
    });
    uppy.on('upload-error', (_file, error) => this.#onUploadError(error));
    const file = this.#options.file;
    this.#fileId = uppy.addFile({
      name: (file as File).name || info.filename,
      type: file.type || info.mime,
      data: file,
      source: 'reel-uploader',
      isRemote: false,
    });
    return uppy;
  }

  #completed: UploadCompleteDetail | undefined;

  /** Marks the upload as started on the server, so Uppy lists its stored parts before sending. */
  #primeResume(): void {
    const info = this.#info;
    if (!this.#uppy || !this.#fileId || !info) return;
    this.#uppy.setFileState(this.#fileId, {
      s3Multipart: { uploadId: info.upload_id, key: info.video_id },
    } as Partial<UppyFile<Record<string, never>, Record<string, never>>>);
  }

  #launch(): void {
    this.#primeResume();
    const uppy = this.#uppy;
    const fileId = this.#fileId;
    if (!uppy || !fileId) return;
    const file = uppy.getFile(fileId);
    const run = file?.error ? uppy.retryUpload(fileId) : uppy.upload();
    run.catch((error: unknown) => this.#onUploadError(error));
  }

  #onUploadError(raw: unknown): void {
    if (this.#isDone()) return;
    const error = toUploadError(raw);
    if (!error.retryable || this.#resumes >= (this.#options.maxResumes ?? 20)) {
      this.#fail(error);
      return;
    }
    this.#resumes += 1;
    const delayMs = Math.min(30_000, 1000 * 2 ** Math.min(this.#resumes - 1, 5));
    this.#setState('retrying');
    this.#emit('retrying', { attempt: this.#resumes, delayMs, error });
    const again = () => {
      window.removeEventListener('online', again);
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
      if (this.#state !== 'retrying') return;
      this.#launch();
    };
    // Back online, or after the delay: whichever comes first resumes from the stored parts.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      window.addEventListener('online', again, { once: true });
    }
    this.#retryTimer = setTimeout(again, delayMs);
  }

  pause(): void {
    if (!this.#uppy || !this.#fileId) return;
    if (this.#state !== 'uploading' && this.#state !== 'retrying') return;
    clearTimeout(this.#retryTimer);
    const file = this.#uppy.getFile(this.#fileId);
    if (file && !file.isPaused && !file.error) this.#uppy.pauseResume(this.#fileId);
    this.#setState('paused');
    this.#emit('paused', undefined);
  }

  resume(): void {
    if (this.#state !== 'paused' || !this.#uppy || !this.#fileId) return;
    this.#setState('uploading');
    this.#emit('resumed', undefined);
    const file = this.#uppy.getFile(this.#fileId);
    if (file?.error) {
      this.#launch();
    } else if (file?.isPaused) {
      // Uppy resumes through listParts: the server says which parts are stored.
      this.#primeResume();
      this.#uppy.pauseResume(this.#fileId);
    }
  }

  async cancel(): Promise<void> {
    if (this.#isDone()) return;
    this.#stop();
    this.#setState('canceled');
    this.#emit('canceled', undefined);
    this.#settle?.reject(new ReelUploadError(0, 'canceled', 'The upload was canceled.'));
    await this.#api.abort().catch(() => undefined);
  }

  destroy(): void {
    if (this.#isDone()) return;
    this.#stop();
    this.#setState('canceled');
    this.#settle?.reject(new ReelUploadError(0, 'canceled', 'The upload was stopped.'));
  }

  #isDone(): boolean {
    return this.#state === 'complete' || this.#state === 'error' || this.#state === 'canceled';
  }

  #stop(): void {
    clearTimeout(this.#retryTimer);
    this.#checksumAbort.abort();
    const uppy = this.#uppy;
    this.#uppy = undefined;
    if (uppy) {
      uppy.cancelAll();
      uppy.destroy();
    }
  }

  #succeed(detail: UploadCompleteDetail): void {
    if (this.#isDone()) return;
    this.#stop();
    this.#progress = this.#meter.skipTo(this.#options.file.size, now());
    this.#setState('complete');
    this.#emit('progress', this.#progress);
    this.#emit('complete', detail);
    this.#settle?.resolve(detail);
  }

  #fail(raw: unknown): void {
    if (this.#isDone()) return;
    const error = toUploadError(raw);
    this.#stop();
    this.#setState('error');
    this.#emit('error', error);
    this.#settle?.reject(error);
  }
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
